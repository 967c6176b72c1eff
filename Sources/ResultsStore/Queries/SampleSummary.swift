/// Mean, sample standard deviation (n − 1) and count of repeated measurements (seeds, raters).
public struct SampleSummary: Sendable, Equatable {
    public let mean: Double
    /// nil when there is a single measurement (the spread is unknown, not zero).
    public let standardDeviation: Double?
    public let count: Int

    /// nil for an empty list.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        self.mean = mean
        self.count = values.count
        self.standardDeviation = values.count < 2 ? nil
            : (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    }
}
