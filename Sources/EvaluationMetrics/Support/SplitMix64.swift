/// SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of xoshiro): a tiny, documented
/// generator that a NumPy script can reproduce bit for bit, used where a metric draws random subsets
/// (KID) so that the Swift result and its Python reference see the same subsets.
///
/// Python equivalent (`tools/make_metric_fixtures.py`):
/// `state = (state + 0x9E3779B97F4A7C15) & M; z = state; z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M;
///  z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M; return z ^ (z >> 31)` with `M = 2**64 - 1`.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in 0..<bound (bound > 0) as `next() % bound`. The modulo bias is below bound / 2⁶⁴
    /// (< 10⁻¹² for any feature count a metric sees) and keeps the rule trivial to reproduce in NumPy.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// `count` distinct indices from 0..<population, by a partial Fisher–Yates shuffle of 0..<population:
    /// for i in 0..<count, swap position i with i + next(below: population − i).
    public mutating func sampleWithoutReplacement(_ count: Int, from population: Int) throws -> [Int] {
        guard count >= 0, count <= population else {
            throw MetricError.invalidArgument("cannot draw \(count) of \(population) items without replacement")
        }
        var indices = Array(0..<population)
        for i in 0..<count {
            let j = i + next(below: population - i)
            indices.swapAt(i, j)
        }
        return Array(indices[0..<count])
    }
}
