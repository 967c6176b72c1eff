import TensorCore

/// Seeded random mutations of a valid input, for fuzz tests of the parsers we own: each mutation
/// must parse or throw, never trap. Bytes are flipped, inserted (from a set that hits parsers'
/// edges: line endings, signs, digits, separators, a BOM, NUL, JSON punctuation), deleted,
/// duplicated or cut off; a mutation applies 1–4 such edits, so results stay close to valid.
public struct Mutations: Sequence, IteratorProtocol {
    static let interesting: [[UInt8]] = [
        [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x09], [0x2D], [0x2B], [0x30], [0x39], [0x31], [0x5F], [0x2E], [0x2F],
        [0xEF, 0xBB, 0xBF], [0x00], [0xFF], [0x22], [0x2C], [0x5B], [0x5D], [0x7B], [0x7D], [0x3A], Array("1e30".utf8),
        Array("99999999999999999999".utf8), Array("-1".utf8), Array("4.9".utf8), Array("2305843009213693952".utf8),
    ]

    let original: [UInt8]
    var generator: RandomGenerator
    var remaining: Int

    public init(of original: [UInt8], count: Int, seed: UInt64) {
        self.original = original
        self.generator = RandomGenerator(seed: seed)
        self.remaining = count
    }

    public mutating func next() -> [UInt8]? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        var bytes = original
        for _ in 0...generator.integer(below: 4) { mutate(&bytes) }
        return bytes
    }

    mutating func mutate(_ bytes: inout [UInt8]) {
        let at = generator.integer(below: bytes.count + 1)
        switch generator.integer(below: 6) {
        case 0 where at < bytes.count: bytes[at] ^= UInt8(1 << generator.integer(below: 8))
        case 1: bytes.insert(contentsOf: Self.interesting[generator.integer(below: Self.interesting.count)], at: at)
        case 2 where at < bytes.count:
            bytes.removeSubrange(at..<Swift.min(bytes.count, at + 1 + generator.integer(below: 8)))
        case 3 where at < bytes.count:
            let end = Swift.min(bytes.count, at + 1 + generator.integer(below: 40))
            bytes.insert(contentsOf: bytes[at..<end], at: generator.integer(below: bytes.count + 1))
        case 4: bytes.removeSubrange(at...)
        default:
            // Replace a digit run's neighbour with a digit: numbers grow or change sign.
            bytes.insert(UInt8(0x30 + generator.integer(below: 10)), at: at)
        }
    }
}
