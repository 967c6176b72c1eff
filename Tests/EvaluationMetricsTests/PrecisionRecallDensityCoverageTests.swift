import EvaluationMetrics
import Testing

@Suite struct PrecisionRecallDensityCoverageTests {
    struct PRDCFile: Decodable {
        struct Case: Decodable {
            let name: String
            let seed: UInt32
            let nReal, nFake, dim, k: Int
            let shift, scale: Double
            let precision, recall, density, coverage: Double
        }
        let cases: [Case]
    }

    /// Against the NumPy transcription of generative-evaluation-prdc (tools/make_prdc_fixtures.py) on
    /// the same RandomState features: equal, not close, since every value is a count over the same
    /// strict comparisons.
    @Test func agreesWithNumPyReference() throws {
        let file = try MetricFixtures.load("prdc", as: PRDCFile.self)
        #expect(file.cases.count == 4)
        for c in file.cases {
            var rng = NumPyRandomState(seed: c.seed)
            let real = try FeatureMatrix(rows: c.nReal, columns: c.dim, values: rng.randn(c.nReal, c.dim))
            let fake = try FeatureMatrix(rows: c.nFake, columns: c.dim,
                                         values: rng.randn(c.nFake, c.dim).map { $0 * c.scale + c.shift })
            let r = try PrecisionRecallDensityCoverage.compute(real: real, fake: fake, nearestK: c.k)
            #expect(abs(r.precision - c.precision) < 1e-12, "\(c.name) precision \(r.precision) vs \(c.precision)")
            #expect(abs(r.recall - c.recall) < 1e-12, "\(c.name) recall \(r.recall) vs \(c.recall)")
            #expect(abs(r.density - c.density) < 1e-12, "\(c.name) density \(r.density) vs \(c.density)")
            #expect(abs(r.coverage - c.coverage) < 1e-12, "\(c.name) coverage \(r.coverage) vs \(c.coverage)")
        }
    }

    /// Two large samples of one distribution: density ≈ 1 and coverage ≈ 1 − 2⁻ᵏ (Naeem et al. §4), and
    /// a fake set collapsed onto a tenth of the spread keeps its fidelity but loses coverage.
    @Test func largeSamplesOfOneDistribution() throws {
        var rng = NumPyRandomState(seed: 2020)
        let real = try FeatureMatrix(rows: 2000, columns: 16, values: rng.randn(2000, 16))
        let fake = try FeatureMatrix(rows: 2000, columns: 16, values: rng.randn(2000, 16))
        let r = try PrecisionRecallDensityCoverage.compute(real: real, fake: fake)
        #expect(abs(r.density - 1) < 0.1, "density \(r.density)")
        #expect(r.coverage > 0.95, "coverage \(r.coverage)")
        // Precision and recall sit below 1 in 16 dimensions even here (the paper's motivation).
        #expect(r.precision > 0.8 && r.recall > 0.8, "precision \(r.precision), recall \(r.recall)")
        let collapsed = try FeatureMatrix(rows: 2000, columns: 16, values: rng.randn(2000, 16).map { $0 * 0.1 })
        let c = try PrecisionRecallDensityCoverage.compute(real: real, fake: collapsed)
        #expect(c.precision == 1 && c.density > 5 && c.recall < 0.01 && c.coverage < 0.2, "\(c)")
    }

    @Test func badInputIsRejected() throws {
        let small = try FeatureMatrix(rows: 5, columns: 2, values: Array(repeating: 0, count: 10))
        let wide = try FeatureMatrix(rows: 10, columns: 3, values: Array(repeating: 0, count: 30))
        let fine = try FeatureMatrix(rows: 10, columns: 2, values: (0..<20).map(Double.init))
        #expect(throws: MetricError.self) { try PrecisionRecallDensityCoverage.compute(real: small, fake: fine) }
        #expect(throws: MetricError.self) { try PrecisionRecallDensityCoverage.compute(real: fine, fake: wide) }
    }
}
