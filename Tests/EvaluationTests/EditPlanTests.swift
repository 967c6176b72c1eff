import Datasets
import EvaluationMetrics
import Evaluation
import Testing

@Suite struct EditPlanTests {
    let domains = DomainSelection.bilganCelebAHQ   // Black, Blond, Brown, Heavy_Makeup, Young

    /// A young blond face without makeup: the 5 single edits are StarGAN's create_labels columns, the
    /// 3 pairs use the next hair colour (blond → brown), every target is one-hot in the hair group.
    @Test func eightEditsOfTheProtocol() {
        let edits = EditPlan.edits(labels: [0, 1, 0, 0, 1], domains: domains)
        #expect(edits.count == EditPlan.editsPerFace)
        #expect(edits.map(\.targetLabels) == [
            [1, 0, 0, 0, 1], [0, 1, 0, 0, 1], [0, 0, 1, 0, 1], [0, 1, 0, 1, 1], [0, 1, 0, 0, 0],
            [0, 0, 1, 1, 1], [0, 0, 1, 0, 0], [0, 1, 0, 1, 0],
        ])
        #expect(edits[5].changes == ["Brown_Hair": true, "Heavy_Makeup": true])
        #expect(edits.filter { $0.changes.count == 1 }.count == 5)
        #expect(edits.filter { $0.changes.count == 2 }.count == 3)
    }

    /// Brown wraps to black; a face with no hair colour gets black in its pairs.
    @Test func nextHairColourWrapsAndDefaults() {
        #expect(EditPlan.edits(labels: [0, 0, 1, 1, 0], domains: domains)[5].changes == ["Black_Hair": true, "Heavy_Makeup": false])
        #expect(EditPlan.edits(labels: [0, 0, 0, 1, 0], domains: domains)[6].changes == ["Black_Hair": true, "Young": true])
    }

    /// 5 scales from 161 px; below, the largest count whose coarsest map holds a window, weights renormalised.
    @Test func msSSIMScalesFollowTheSide() throws {
        #expect(try MultiScaleSSIMProtocol(side: 256).parameters == SSIMParameters())
        let at64 = try MultiScaleSSIMProtocol(side: 64)
        #expect(at64.parameters.scaleWeights.count == 3)
        #expect(abs(at64.parameters.scaleWeights.reduce(0, +) - 1) < 1e-12)
        #expect(at64.parameters.minimumSide <= 64)
        #expect(at64.name == "ms-ssim/3-scales-renormalised")
        #expect(try MultiScaleSSIMProtocol(side: 32).parameters.scaleWeights.count == 2)
        #expect(throws: MetricError.self) { try MultiScaleSSIMProtocol(side: 8) }
    }
}
