/// Kernel Inception Distance (Bińkowski et al. 2018) as clean-fid `kernel_distance` codes it: the
/// unbiased MMD² with the cubic polynomial kernel k(x, y) = (x·y/d + 1)³ over random subsets of
/// m = min(N1, N2, 1000) features, 100 subsets (`evaluators.md` §1.3). The mean over subsets is KID;
/// the standard deviation over subsets (population, ddof 0, as torch-fidelity reports `kid_std`) says how
/// much the subsets disagree.
public enum KernelInceptionDistance {
    public struct Result: Sendable, Equatable {
        public let mean: Double
        public let standardDeviation: Double
        public let subsetSize: Int
        /// MMD² of each subset, in order.
        public let perSubset: [Double]
    }

    /// One subset: the generated rows and the real rows it uses.
    public struct Subset: Sendable, Equatable {
        public let generated: [Int]
        public let real: [Int]
        public init(generated: [Int], real: [Int]) {
            self.generated = generated
            self.real = real
        }
    }

    /// The subsets clean-fid's loop would draw, but from `SplitMix64(seed:)`: for each subset, first m
    /// generated indices then m real indices, each by `sampleWithoutReplacement` (clean-fid draws
    /// `feats2` (generated) before `feats1` (real) in each iteration).
    public static func subsets(generatedCount: Int, realCount: Int, subsetCount: Int = 100,
                               maximumSubsetSize: Int = 1000, seed: UInt64) throws -> [Subset] {
        let m = min(generatedCount, realCount, maximumSubsetSize)
        guard m >= 2 else {
            throw MetricError.invalidArgument("KID needs at least 2 features on each side (got \(generatedCount) generated, \(realCount) real)")
        }
        guard subsetCount >= 1 else { throw MetricError.invalidArgument("KID needs at least one subset (got \(subsetCount))") }
        var rng = SplitMix64(seed: seed)
        return try (0..<subsetCount).map { _ in
            let g = try rng.sampleWithoutReplacement(m, from: generatedCount)
            let r = try rng.sampleWithoutReplacement(m, from: realCount)
            return Subset(generated: g, real: r)
        }
    }

    /// KID with seeded subsets (`subsets(…, seed:)`).
    public static func compute(real: FeatureMatrix, generated: FeatureMatrix, subsetCount: Int = 100,
                               maximumSubsetSize: Int = 1000, seed: UInt64 = 0) throws -> Result {
        let chosen = try subsets(generatedCount: generated.rows, realCount: real.rows, subsetCount: subsetCount,
                                 maximumSubsetSize: maximumSubsetSize, seed: seed)
        return try compute(real: real, generated: generated, subsets: chosen)
    }

    /// KID over explicitly given subsets (all of the same size m ≥ 2, indices in range).
    public static func compute(real: FeatureMatrix, generated: FeatureMatrix, subsets: [Subset]) throws -> Result {
        guard real.columns == generated.columns else {
            throw MetricError.shapeMismatch("real features have \(real.columns) dimensions, generated \(generated.columns)")
        }
        guard let m = subsets.first?.generated.count, m >= 2 else {
            throw MetricError.invalidArgument("KID needs at least one subset of at least 2 features")
        }
        for (s, subset) in subsets.enumerated() {
            guard subset.generated.count == m, subset.real.count == m else {
                throw MetricError.shapeMismatch("subset \(s) has \(subset.generated.count)/\(subset.real.count) features, subset 0 has \(m)")
            }
            guard subset.generated.allSatisfy({ (0..<generated.rows).contains($0) }),
                  subset.real.allSatisfy({ (0..<real.rows).contains($0) }) else {
                throw MetricError.invalidArgument("subset \(s) indexes outside the \(generated.rows) generated / \(real.rows) real features")
            }
        }
        let d = real.columns
        let perSubset = subsets.map { subset -> Double in
            let x = generated.gatheringRows(subset.generated), y = real.gatheringRows(subset.real)
            let xx = DenseLinearAlgebra.gram(x, rows: m, columns: d, alpha: 1 / Double(d), transposeFirst: false)
            let yy = DenseLinearAlgebra.gram(y, rows: m, columns: d, alpha: 1 / Double(d), transposeFirst: false)
            let xy = DenseLinearAlgebra.multiplyTransposed(x, y, m: m, n: m, k: d)
            var withinSum = 0.0, crossSum = 0.0
            for i in 0..<m {
                for j in 0..<m {
                    if i != j { withinSum += cubicKernel(xx[i * m + j]) + cubicKernel(yy[i * m + j]) }
                    crossSum += cubicKernel(xy[i * m + j] / Double(d))
                }
            }
            // clean-fid: t += (a.sum() − diag(a).sum())/(m − 1) − b.sum()·2/m;  kid = t/num_subsets/m.
            return (withinSum / Double(m - 1) - crossSum * 2 / Double(m)) / Double(m)
        }
        let mean = perSubset.reduce(0, +) / Double(perSubset.count)
        let variance = perSubset.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(perSubset.count)
        return Result(mean: mean, standardDeviation: variance.squareRoot(), subsetSize: m, perSubset: perSubset)
    }

    /// (t + 1)³ where t = x·y/d is already scaled.
    private static func cubicKernel(_ t: Double) -> Double {
        let u = t + 1
        return u * u * u
    }
}
