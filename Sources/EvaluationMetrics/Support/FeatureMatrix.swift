/// N feature vectors of dimension D in row-major Float64: the input of the Fréchet distance, KID and
/// identification. Float64 throughout, as pytorch-fid keeps its activations (`fid_score.py`,
/// `pred_arr = np.empty((N, dims))`).
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major values, `rows × columns`.
    public let values: [Double]

    /// Checks the count and that every value is finite.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns > 0 else {
            throw MetricError.invalidArgument("a feature matrix needs a positive dimension (got \(rows)×\(columns))")
        }
        guard values.count == rows * columns else {
            throw MetricError.shapeMismatch("\(values.count) values for a \(rows)×\(columns) feature matrix")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw MetricError.nonFinite("feature \(bad / columns), component \(bad % columns) is \(values[bad])")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// From flat row-major single- or double-precision values (e.g. a network's `[Float]` output),
    /// widened to Float64.
    public init<T: BinaryFloatingPoint>(rows: Int, columns: Int, converting values: [T]) throws {
        try self.init(rows: rows, columns: columns, values: values.map { Double($0) })
    }

    /// From a list of vectors that must all have the same length.
    public init<T: BinaryFloatingPoint>(vectors: [[T]]) throws {
        guard let first = vectors.first else {
            throw MetricError.invalidArgument("no feature vectors given")
        }
        if let bad = vectors.firstIndex(where: { $0.count != first.count }) {
            throw MetricError.shapeMismatch("feature vector \(bad) has \(vectors[bad].count) components, vector 0 has \(first.count)")
        }
        try self.init(rows: vectors.count, columns: first.count,
                      values: vectors.flatMap { $0.map { Double($0) } })
    }

    /// Row `i` as a slice of `values`.
    public func row(_ i: Int) -> ArraySlice<Double> {
        values[(i * columns)..<((i + 1) * columns)]
    }

    /// The rows at `indices`, in that order (for KID subsets).
    public func gatheringRows(_ indices: [Int]) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: row(i)) }
        return out
    }
}
