/// `--seeds`: "0-4" (a range), "0,2,5" (a list), or both ("0-2,7"). Seeds come out in the order given,
/// each once; anything else is an error quoting the part at fault.
public enum SeedList {
    /// At most this many seeds in one sweep (a typo like "0-100000" is refused, not submitted).
    public static let maximumCount = 10_000

    public static func parse(_ text: String) throws -> [UInt64] {
        var seeds: [UInt64] = []
        var seen = Set<UInt64>()
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw SweepError("--seeds is empty; expected e.g. 0-4 or 0,2,5") }
        for part in parts {
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let low = UInt64(bounds[0]), bounds.count == 1 || UInt64(bounds[1]) != nil else {
                throw SweepError("--seeds: \"\(part)\" in \"\(text)\" is not a seed (a non-negative integer) or a range like 0-4")
            }
            let high = bounds.count == 2 ? UInt64(bounds[1])! : low
            guard low <= high else { throw SweepError("--seeds: the range \"\(part)\" runs backwards") }
            guard high - low < UInt64(maximumCount) else {
                throw SweepError("--seeds: \"\(part)\" has more than \(maximumCount) seeds")
            }
            for seed in low...high where seen.insert(seed).inserted { seeds.append(seed) }
            guard seeds.count <= maximumCount else { throw SweepError("--seeds: more than \(maximumCount) seeds in \"\(text)\"") }
        }
        return seeds
    }
}

/// A user-facing error of the sweep layer; the message says what to fix.
public struct SweepError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
