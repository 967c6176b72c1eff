/// Precision, recall, density and coverage (Naeem et al. 2020, "Reliable Fidelity and Diversity
/// Metrics for Generative Models"), as generative-evaluation-prdc `prdc.compute_prdc` codes them and
/// StudioGAN reports them, with k = 5 by default:
///
///   r_k(x)    = distance from x to its k-th nearest neighbour in its own set (self excluded:
///               `get_kth_value(distances, k + 1)` counts the zero self-distance)
///   precision = mean over fakes  y of [∃ real x: ‖x − y‖ < r_k(x)]                 (fidelity)
///   recall    = mean over reals  x of [∃ fake y: ‖x − y‖ < r_k(y)]                 (diversity)
///   density   = 1/(k·M) Σ_y #{real x: ‖x − y‖ < r_k(x)}                            (fidelity, ≈ 1 for equal distributions)
///   coverage  = mean over reals  x of [min_y ‖x − y‖ < r_k(x)]                     (diversity, → 1 − 2^(−k) for equal distributions)
///
/// Distances are Euclidean in Float64 from the Gram matrix, ‖x‖² + ‖y‖² − 2x·y clipped at 0, as
/// scikit-learn's `pairwise_distances` computes them (self-distances exactly 0).
public enum PrecisionRecallDensityCoverage {
    public struct Result: Sendable, Equatable {
        public let precision: Double
        public let recall: Double
        public let density: Double
        public let coverage: Double
        public let nearestK: Int
    }

    public static func compute(real: FeatureMatrix, fake: FeatureMatrix, nearestK k: Int = 5) throws -> Result {
        guard real.columns == fake.columns else {
            throw MetricError.shapeMismatch("real features have \(real.columns) dimensions, fake \(fake.columns)")
        }
        guard k >= 1, real.rows > k, fake.rows > k else {
            throw MetricError.invalidArgument("PRDC with k = \(k) needs more than k features on each side "
                + "(got \(real.rows) real, \(fake.rows) fake)")
        }
        let realRadii = kthNeighbourDistances(real, k: k)
        let fakeRadii = kthNeighbourDistances(fake, k: k)
        let cross = distances(real, fake, sameSet: false)  // [real × fake]
        let (n, m) = (real.rows, fake.rows)
        var fakeCovered = [Bool](repeating: false, count: m)  // precision
        var realCovered = [Bool](repeating: false, count: n)  // recall
        var densityCount = 0
        var coverageCount = 0
        for i in 0..<n {
            var nearest = Double.infinity
            for j in 0..<m {
                let d = cross[i * m + j]
                if d < realRadii[i] { fakeCovered[j] = true; densityCount += 1 }
                if d < fakeRadii[j] { realCovered[i] = true }
                nearest = min(nearest, d)
            }
            if nearest < realRadii[i] { coverageCount += 1 }
        }
        return Result(precision: Double(fakeCovered.filter { $0 }.count) / Double(m),
                      recall: Double(realCovered.filter { $0 }.count) / Double(n),
                      density: Double(densityCount) / Double(k * m),
                      coverage: Double(coverageCount) / Double(n),
                      nearestK: k)
    }

    /// r_k of every row: the (k + 1)-th smallest distance in its row, the zero self-distance included.
    static func kthNeighbourDistances(_ x: FeatureMatrix, k: Int) -> [Double] {
        let d = distances(x, x, sameSet: true), n = x.rows
        return (0..<n).map { i in
            var smallest: [Double] = []  // sorted ascending, at most k + 1
            smallest.reserveCapacity(k + 2)
            for j in 0..<n {
                let v = d[i * n + j]
                if smallest.count == k + 1, v >= smallest[k] { continue }
                let at = smallest.firstIndex { $0 > v } ?? smallest.count
                smallest.insert(v, at: at)
                if smallest.count > k + 1 { smallest.removeLast() }
            }
            return smallest[k]
        }
    }

    /// Euclidean distances between the rows of a and b, [a.rows × b.rows] row-major, in scikit-learn's
    /// order of operations ((−2·x·y + ‖x‖²) + ‖y‖², clipped at 0, a zero diagonal within one set).
    static func distances(_ a: FeatureMatrix, _ b: FeatureMatrix, sameSet: Bool) -> [Double] {
        let dot = DenseLinearAlgebra.multiplyTransposed(a.values, b.values, m: a.rows, n: b.rows, k: a.columns)
        let an = (0..<a.rows).map { i in a.row(i).reduce(0) { $0 + $1 * $1 } }
        let bn = (0..<b.rows).map { j in b.row(j).reduce(0) { $0 + $1 * $1 } }
        var out = [Double](repeating: 0, count: a.rows * b.rows)
        for i in 0..<a.rows {
            for j in 0..<b.rows {
                out[i * b.rows + j] = (sameSet && i == j) ? 0 : max(-2 * dot[i * b.rows + j] + an[i] + bn[j], 0).squareRoot()
            }
        }
        return out
    }
}
