/// Mean and covariance of a feature set: the "statistics" FID compares. The covariance divides by
/// N − 1 (`np.cov(act, rowvar=False)` in TTUR `fid.py` and pytorch-fid `fid_score.py`).
public struct GaussianStatistics: Sendable, Equatable {
    public let dimension: Int
    public let mean: [Double]
    /// dimension × dimension, row-major, symmetric.
    public let covariance: [Double]
    /// How many feature vectors the statistics came from (FID is biased in N: report it).
    public let sampleCount: Int

    /// Statistics of the rows of `features`; needs at least two rows.
    public init(features: FeatureMatrix) throws {
        let n = features.rows, d = features.columns
        guard n >= 2 else {
            throw MetricError.invalidArgument("a covariance with N − 1 needs at least 2 feature vectors (got \(n))")
        }
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for (j, v) in features.row(i).enumerated() { mean[j] += v }
        }
        for j in 0..<d { mean[j] /= Double(n) }
        var centred = features.values
        for i in 0..<n {
            for j in 0..<d { centred[i * d + j] -= mean[j] }
        }
        self.dimension = d
        self.mean = mean
        self.covariance = DenseLinearAlgebra.gram(centred, rows: n, columns: d, alpha: 1 / Double(n - 1),
                                                  transposeFirst: true)
        self.sampleCount = n
    }

    /// Statistics given directly (e.g. precomputed reference statistics). The covariance must be a finite
    /// symmetric dimension × dimension matrix (asymmetry up to 1e-9 relative to its largest entry is
    /// tolerated, as rounding in files leaves; only the upper triangle is used).
    public init(mean: [Double], covariance: [Double], sampleCount: Int) throws {
        let d = mean.count
        guard d > 0 else { throw MetricError.invalidArgument("empty mean vector") }
        guard covariance.count == d * d else {
            throw MetricError.shapeMismatch("a \(d)-dimensional mean needs a \(d)×\(d) covariance (\(d * d) values), got \(covariance.count)")
        }
        if let bad = mean.firstIndex(where: { !$0.isFinite }) {
            throw MetricError.nonFinite("mean component \(bad) is \(mean[bad])")
        }
        if let bad = covariance.firstIndex(where: { !$0.isFinite }) {
            throw MetricError.nonFinite("covariance entry (\(bad / d), \(bad % d)) is \(covariance[bad])")
        }
        let scale = covariance.map { abs($0) }.max() ?? 0
        for i in 0..<d {
            for j in (i + 1)..<d where abs(covariance[i * d + j] - covariance[j * d + i]) > 1e-9 * scale {
                throw MetricError.invalidArgument("covariance is not symmetric at (\(i), \(j)): "
                    + "\(covariance[i * d + j]) vs \(covariance[j * d + i])")
            }
        }
        guard sampleCount >= 2 else {
            throw MetricError.invalidArgument("statistics need a sample count ≥ 2 (got \(sampleCount))")
        }
        self.dimension = d
        self.mean = mean
        self.covariance = covariance
        self.sampleCount = sampleCount
    }

    /// Sum of the diagonal of the covariance.
    var covarianceTrace: Double {
        (0..<dimension).reduce(0) { $0 + covariance[$1 * dimension + $1] }
    }
}
