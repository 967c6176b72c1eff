import EvaluationMetrics
import Testing

@Suite struct KernelInceptionDistanceTests {
    /// Against a NumPy run of clean-fid's `kernel_distance` loop over the same SplitMix64 subsets.
    @Test func agreesWithNumPyReferenceOverTheSameSubsets() throws {
        let file = try MetricFixtures.load("kid", as: MetricFixtures.KIDFile.self)
        #expect(file.cases.count == 3)
        for c in file.cases {
            var rng = NumPyRandomState(seed: c.seedFeatures)
            let real = try FeatureMatrix(rows: c.nReal, columns: c.dim, values: rng.randn(c.nReal, c.dim))
            let generated = try FeatureMatrix(rows: c.nGenerated, columns: c.dim,
                                              values: rng.randn(c.nGenerated, c.dim).map { $0 + c.shift })
            let subsets = try KernelInceptionDistance.subsets(generatedCount: c.nGenerated, realCount: c.nReal,
                                                              subsetCount: c.subsets, maximumSubsetSize: c.maxSubset,
                                                              seed: c.seedSubsets)
            #expect(Array(subsets[0].generated.prefix(5)) == c.firstSubsetGenerated, "\(c.name): subset draw drifted")
            #expect(Array(subsets[0].real.prefix(5)) == c.firstSubsetReal, "\(c.name): subset draw drifted")
            let kid = try KernelInceptionDistance.compute(real: real, generated: generated, subsetCount: c.subsets,
                                                          maximumSubsetSize: c.maxSubset, seed: c.seedSubsets)
            #expect(kid.subsetSize == c.subsetSize)
            #expect(abs(kid.mean - c.mean) < 1e-10 * max(1, abs(c.mean)), "\(c.name): \(kid.mean) vs \(c.mean)")
            #expect(abs(kid.standardDeviation - c.std) < 1e-10 * max(1, c.std), "\(c.name)")
            for (ours, theirs) in zip(kid.perSubset, c.perSubset) { #expect(abs(ours - theirs) < 1e-10) }
        }
    }

    /// A shifted distribution scores a clearly larger KID than a same-distribution pair.
    @Test func shiftRaisesKID() throws {
        var rng = NumPyRandomState(seed: 5)
        let real = try FeatureMatrix(rows: 200, columns: 8, values: rng.randn(200, 8))
        let same = try FeatureMatrix(rows: 200, columns: 8, values: rng.randn(200, 8))
        let shifted = try FeatureMatrix(rows: 200, columns: 8, values: rng.randn(200, 8).map { $0 + 1 })
        let near = try KernelInceptionDistance.compute(real: real, generated: same, subsetCount: 20, seed: 1)
        let far = try KernelInceptionDistance.compute(real: real, generated: shifted, subsetCount: 20, seed: 1)
        #expect(abs(near.mean) < 0.05 && far.mean > 0.5)
    }

    @Test func badInputIsRejected() throws {
        let one = try FeatureMatrix(rows: 1, columns: 2, values: [1, 2])
        let two = try FeatureMatrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
        let wide = try FeatureMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(throws: MetricError.self) { try KernelInceptionDistance.compute(real: one, generated: two) }
        #expect(throws: MetricError.self) { try KernelInceptionDistance.compute(real: wide, generated: two) }
        #expect(throws: MetricError.self) {
            try KernelInceptionDistance.compute(real: two, generated: two,
                                                subsets: [.init(generated: [0, 5], real: [0, 1])])
        }
    }
}
