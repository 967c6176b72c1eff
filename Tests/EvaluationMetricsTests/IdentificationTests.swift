import EvaluationMetrics
import Testing

@Suite struct IdentificationTests {
    /// Hand-made 2-d features: subjects "a" along x, "b" along y, "c" along the diagonal. Cosine
    /// similarity ignores length, so scaled probes still match; a probe pointing at the wrong subject fails.
    @Test func rankOneWithCosineSimilarity() throws {
        let gallery = try FeatureMatrix(rows: 3, columns: 2, converting: [Float(1), 0, 0, 1, 1, 1])
        let probes = try FeatureMatrix(vectors: [
            [5.0, 0.1],   // a (long vector, still a)
            [0.05, 0.2],  // b (short vector, still b)
            [1, 0.9],     // c
            [0.2, 1],     // labelled c, looks like b: wrong
            [1, 0],       // labelled b, looks like a: wrong
        ])
        let result = try RankOneIdentification.evaluate(
            gallery: gallery, gallerySubjects: ["a", "b", "c"], probes: probes,
            probeSubjects: ["a", "b", "c", "c", "b"], probeGroups: ["05_0", "14_0", "05_0", "14_0", "11_0"])
        #expect(result.matches == [0, 1, 2, 1, 0])
        #expect(result.overall == Tally(hits: 3, total: 5))
        #expect(result.perGroup.map(\.group) == ["05_0", "14_0", "11_0"])
        #expect(result.countsByGroup["05_0"] == Tally(hits: 2, total: 2))
        #expect(result.countsByGroup["14_0"] == Tally(hits: 1, total: 2))
        #expect(result.countsByGroup["11_0"] == Tally(hits: 0, total: 1))
    }

    /// Ties go to the lowest gallery index (documented rule).
    @Test func tiesGoToTheFirstGalleryEntry() throws {
        let gallery = try FeatureMatrix(vectors: [[1.0, 0], [2, 0]])
        let probes = try FeatureMatrix(vectors: [[3.0, 0]])
        let result = try RankOneIdentification.evaluate(gallery: gallery, gallerySubjects: ["x", "y"], probes: probes,
                                                        probeSubjects: ["y"], probeGroups: ["g"])
        #expect(result.matches == [0] && result.overall.hits == 0)
    }

    /// evaluators.md §4.2 camera → yaw table, in both spellings; elevated cameras are rejected.
    @Test func multiPIECameraYaws() throws {
        let expected: [(String, Int)] = [("24_0", 90), ("010", 75), ("20_0", 60), ("190", 45), ("04_1", 30), ("050", 15),
                                         ("05_1", 0), ("140", -15), ("13_0", -30), ("080", -45), ("09_0", -60),
                                         ("120", -75), ("11_0", -90)]
        for (name, yaw) in expected { #expect(try MultiPIECamera(identifier: name).yaw == yaw, "\(name)") }
        #expect(MultiPIECamera.allCases.count == 13)
        #expect(throws: MetricError.self) { try MultiPIECamera(identifier: "08_1") }
        #expect(throws: MetricError.self) { try MultiPIECamera(identifier: "191") }
        #expect(throws: MetricError.self) { try MultiPIECamera(identifier: "99_9") }
    }

    /// ±θ columns pool the two cameras' counts (micro average), not their rates: 9/10 and 1/2 give 10/12,
    /// not the macro 70 %.
    @Test func poseColumnsPoolCounts() throws {
        let pooled = try PosePooling.pooledByAbsoluteYaw([
            "05_0": Tally(hits: 9, total: 10), "140": Tally(hits: 1, total: 2),
            "24_0": Tally(hits: 3, total: 4), "11_0": Tally(hits: 1, total: 4),
            "05_1": Tally(hits: 7, total: 7),
        ])
        #expect(pooled.map(\.yaw) == [15, 30, 45, 60, 75, 90])
        #expect(pooled[0].tally == Tally(hits: 10, total: 12))
        #expect(abs(pooled[0].tally.rate - 10.0 / 12) < 1e-15)
        #expect(pooled[1].tally == Tally(hits: 0, total: 0))
        #expect(pooled[5].tally == Tally(hits: 4, total: 8))
        #expect(throws: MetricError.self) { try PosePooling.pooledByAbsoluteYaw(["08_1": Tally(hits: 1, total: 1)]) }
    }

    @Test func badInputIsRejected() throws {
        let g = try FeatureMatrix(vectors: [[1.0, 0]])
        let zero = try FeatureMatrix(vectors: [[0.0, 0]])
        let wide = try FeatureMatrix(vectors: [[1.0, 0, 0]])
        #expect(throws: MetricError.self) {
            try RankOneIdentification.evaluate(gallery: g, gallerySubjects: ["a"], probes: zero, probeSubjects: ["a"], probeGroups: ["g"])
        }
        #expect(throws: MetricError.self) {
            try RankOneIdentification.evaluate(gallery: g, gallerySubjects: ["a"], probes: wide, probeSubjects: ["a"], probeGroups: ["g"])
        }
        #expect(throws: MetricError.self) {
            try RankOneIdentification.evaluate(gallery: g, gallerySubjects: [], probes: g, probeSubjects: ["a"], probeGroups: ["g"])
        }
    }
}
