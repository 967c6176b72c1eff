/// How many of `total` events were hits (correct identifications, classifier errors, achieved edits),
/// and the rate hits / total.
public struct Tally: Sendable, Equatable, Codable {
    public var hits: Int
    public var total: Int

    public init(hits: Int = 0, total: Int = 0) {
        self.hits = hits
        self.total = total
    }

    /// hits / total; NaN-free: 0 when nothing was counted (check `total`).
    public var rate: Double { total == 0 ? 0 : Double(hits) / Double(total) }

    /// Pooling by counts (a micro average).
    public static func + (a: Tally, b: Tally) -> Tally {
        Tally(hits: a.hits + b.hits, total: a.total + b.total)
    }

    public static func += (a: inout Tally, b: Tally) { a = a + b }
}
