/// MT19937 (Matsumoto & Nishimura 1998), the generator behind Python's `random` and NumPy's legacy
/// `RandomState`. Not used for the harness's own randomness (that is `RandomGenerator`); it exists to
/// replay streams that upstream code drew, bit for bit: StarGAN's CelebA split
/// (`random.seed(1234); random.shuffle`), torch-fidelity's `RandomState(2023).randn` test features.
///
/// Seeding follows the reference `init_genrand` and `init_by_array`; outputs are the tempered
/// 32-bit words of `genrand_int32`, and `nextDouble` is `genrand_res53` (53 bits from two words).
public struct MersenneTwister: Sendable {
    private static let n = 624, m = 397
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    /// `init_genrand(s)` (NumPy `RandomState(seed)` for a 32-bit seed).
    public init(seed s: UInt32) {
        state[0] = s
        for i in 1..<Self.n {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = Self.n
    }

    /// `init_by_array(key)` (CPython `random.seed(int)` passes the integer's 32-bit words, least significant first).
    public init(key: [UInt32]) {
        self.init(seed: 19_650_218)
        var i = 1, j = 0
        for _ in 0..<Swift.max(Self.n, key.count) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
        index = Self.n
    }

    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF, matrix: UInt32 = 0x9908_B0DF
        for k in 0..<Self.n {
            let y = (state[k] & upper) | (state[(k + 1) % Self.n] & lower)
            state[k] = state[(k + Self.m) % Self.n] ^ (y >> 1) ^ ((y & 1) != 0 ? matrix : 0)
        }
        index = 0
    }

    /// `genrand_int32`: the next tempered 32-bit output.
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `genrand_res53`: (a·2²⁶ + b)/2⁵³ with a = next >> 5, b = next >> 6 (Python `random()`,
    /// NumPy `random_sample()`).
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}
