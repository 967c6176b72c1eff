import Foundation

/// The 95% interval of a mean over raters by the percentile bootstrap over raters (Efron & Tibshirani
/// 1993, ch. 13): resample the raters with replacement, average their shares, and take the 2.5th and
/// 97.5th percentiles (NumPy's default linear interpolation) of those averages. Raters, not votes, are
/// resampled because the paper averages over raters, and one rater's votes are not independent.
public enum RaterBootstrap {
    public static let resamples = 2000
    /// The fixed seed of Table 1's intervals; each cell mixes in its row and column names.
    public static let seed: UInt64 = 0x7AB1E1

    /// nil for fewer than two raters (one rater's spread over raters is unknown).
    public static func interval95(shares: [Double], seed: UInt64, resamples: Int = resamples) -> ClosedRange<Double>? {
        guard shares.count >= 2, resamples > 0 else { return nil }
        var random = SplitMix64(seed: seed)
        var means = [Double]()
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in shares.indices { sum += shares[Int(random.next() % UInt64(shares.count))] }
            means.append(sum / Double(shares.count))
        }
        means.sort()
        return percentile(means, 2.5)...percentile(means, 97.5)
    }

    /// `numpy.percentile(sorted, q)` with linear interpolation.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q / 100 * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// A stable 64-bit seed from a base seed and text (FNV-1a; Swift's `Hasher` differs between runs).
    public static func seed(_ base: UInt64, _ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325 ^ base
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return hash
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, enough for resampling indices.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
