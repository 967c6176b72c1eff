import TensorCore

/// CPython's `random.Random` (Mersenne Twister MT19937), bit for bit, for the splits that upstream
/// code draws with Python's `random` module: StarGAN's CelebA test set is
/// `random.seed(1234); random.shuffle(lines)` then the first 1,999 lines (`evaluators.md` §6.1),
/// AttGAN's CelebA-HQ split uses seed 100.
///
/// Ported from CPython `Modules/_randommodule.c` (`init_genrand`, `init_by_array`,
/// `genrand_uint32`, `random_seed`, `getrandbits`, `random`) and `Lib/random.py`
/// (`_randbelow_with_getrandbits`, `shuffle`); checked against `Tests/Fixtures/datasets/python_random.json`.
public struct PythonRandom: Sendable {
    private var twister: MersenneTwister

    /// `random.seed(seed)` for an integer seed: |seed| split into 32-bit words, least significant
    /// first (zero is one word 0), fed to `init_by_array`.
    public init<Seed: BinaryInteger>(seed: Seed) {
        var magnitude = seed.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude != 0
        twister = MersenneTwister(key: key)
    }

    /// `genrand_uint32`: the next tempered 32-bit output.
    public mutating func nextUInt32() -> UInt32 { twister.nextUInt32() }

    /// `random.getrandbits(k)` for 0 ≤ k ≤ 64: 32-bit words from least significant up, the last one
    /// shifted down to the bits that remain.
    public mutating func getrandbits(_ k: Int) -> UInt64 {
        precondition((0...64).contains(k), "getrandbits: k must be in 0...64 here")
        if k == 0 { return 0 }
        if k <= 32 { return UInt64(nextUInt32() >> (32 - UInt32(k))) }
        var result: UInt64 = 0
        var remaining = k, shift: UInt64 = 0
        while remaining > 0 {
            var word = nextUInt32()
            if remaining < 32 { word >>= UInt32(32 - remaining) }
            result |= UInt64(word) << shift
            shift += 32
            remaining -= 32
        }
        return result
    }

    /// `random.random()`: 53 random bits from two outputs.
    public mutating func random() -> Double { twister.nextDouble() }

    /// `Random._randbelow_with_getrandbits(n)`: rejection sampling on `n.bit_length()` bits.
    public mutating func randbelow(_ n: Int) -> Int {
        precondition(n > 0, "randbelow: n must be positive")
        let bits = UInt64.bitWidth - UInt64(n).leadingZeroBitCount
        var r = getrandbits(bits)
        while r >= UInt64(n) { r = getrandbits(bits) }
        return Int(r)
    }

    /// `random.shuffle(x)`: for i from len−1 down to 1, swap x[i] with x[randbelow(i + 1)].
    public mutating func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i >= 1 {
            items.swapAt(i, randbelow(i + 1))
            i -= 1
        }
    }
}
