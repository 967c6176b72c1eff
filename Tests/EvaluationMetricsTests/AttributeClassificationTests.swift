import EvaluationMetrics
import Testing

@Suite struct AttributeClassificationTests {
    static let names = ["Black_Hair", "Blond_Hair", "Young"]

    /// Hand-made predictions vs target labels: Black_Hair wrong once of 4, Blond_Hair never, Young twice.
    @Test func errorAgainstTargetLabels() throws {
        let target = try BinaryLabels(attributeNames: Self.names, rows: [
            [true, false, true], [false, true, true], [true, false, false], [false, true, false],
        ])
        let predicted = try BinaryLabels(attributeNames: Self.names, logits: [
            [2.0, -1, 0.5], [-3, 4, -0.1], [-0.2, -2, -1], [-1, 1, 3],
        ])
        let report = try AttributeClassification.error(predicted: predicted, target: target)
        #expect(report.perAttribute.map(\.attribute) == Self.names)
        #expect(report.perAttribute.map(\.tally) == [Tally(hits: 1, total: 4), Tally(hits: 0, total: 4),
                                                     Tally(hits: 2, total: 4)])
        #expect(report.overall == Tally(hits: 3, total: 12))
        #expect(abs(report.overall.rate - 0.25) < 1e-15)
    }

    /// Logit 0 is not positive (sigmoid 0.5 rounds to 0 as STGAN's `round(sigmoid)` does for exactly 0.5
    /// under round-half-to-even).
    @Test func thresholdIsStrict() throws {
        let p = try BinaryLabels(attributeNames: ["A"], logits: [[0], [1e-9], [-1e-9]])
        #expect(p.values == [false, true, false])
    }

    /// STGAN-style scores: "achieved" over the changed attributes, "preservation error" over the kept ones.
    @Test func editScores() throws {
        let source = try BinaryLabels(attributeNames: Self.names, celebAValues: [[1, -1, 1], [-1, -1, 1]])
        let target = try BinaryLabels(attributeNames: Self.names, rows: [[false, true, true], [false, false, false]])
        let predicted = try BinaryLabels(attributeNames: Self.names, rows: [[false, false, false], [true, false, false]])
        let (achieved, preservation) = try AttributeClassification.editScores(source: source, target: target, predicted: predicted)
        // Changed: sample 0 Black_Hair (achieved), Blond_Hair (missed); sample 1 Young (achieved).
        #expect(achieved.perAttribute.map(\.tally) == [Tally(hits: 1, total: 1), Tally(hits: 0, total: 1),
                                                       Tally(hits: 1, total: 1)])
        #expect(achieved.overall == Tally(hits: 2, total: 3))
        // Kept: sample 0 Young (lost: error), sample 1 Black_Hair (flipped: error), Blond_Hair (kept).
        #expect(preservation.perAttribute.map(\.tally) == [Tally(hits: 1, total: 1), Tally(hits: 0, total: 1),
                                                           Tally(hits: 1, total: 1)])
        #expect(preservation.overall == Tally(hits: 2, total: 3))
    }

    @Test func badInputIsRejected() throws {
        let a = try BinaryLabels(attributeNames: ["A", "B"], rows: [[true, false]])
        let b = try BinaryLabels(attributeNames: ["B", "A"], rows: [[true, false]])
        let c = try BinaryLabels(attributeNames: ["A", "B"], rows: [[true, false], [false, false]])
        #expect(throws: MetricError.self) { try AttributeClassification.error(predicted: a, target: b) }
        #expect(throws: MetricError.self) { try AttributeClassification.error(predicted: a, target: c) }
        #expect(throws: MetricError.self) { try BinaryLabels(attributeNames: ["A"], rows: [[true, false]]) }
        #expect(throws: MetricError.self) { try BinaryLabels(attributeNames: ["A"], celebAValues: [[0]]) }
        #expect(throws: MetricError.self) { try BinaryLabels(attributeNames: ["A", "A"], rows: []) }
    }
}
