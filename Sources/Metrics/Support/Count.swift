/// A success count out of a total, with the rate as the fraction of successes.
public struct Count: Sendable, Equatable, Codable {
    public var successes: Int
    public var total: Int

    public init(successes: Int = 0, total: Int = 0) {
        self.successes = successes
        self.total = total
    }

    /// successes / total; NaN-free: 0 when nothing was counted (check `total`).
    public var rate: Double { total == 0 ? 0 : Double(successes) / Double(total) }

    /// Pooling by counts (a micro average).
    public static func + (a: Count, b: Count) -> Count {
        Count(successes: a.successes + b.successes, total: a.total + b.total)
    }

    public static func += (a: inout Count, b: Count) { a = a + b }
}
