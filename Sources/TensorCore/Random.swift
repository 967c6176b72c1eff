import Foundation

/// The harness's one source of randomness, reproducible from a logged seed.
///
/// Algorithm (documented so that other implementations can replay a stream):
/// - state: xoshiro256** (Blackman & Vigna 2018), four UInt64 words;
/// - seeding: the words are four consecutive outputs of SplitMix64 started at
///   `seed ^ (0x9E3779B97F4A7C15 &* (stream &+ 1))`, so `(seed, stream)` pairs give independent
///   streams (init, data order, augmentation, penalties ... each get their own stream);
/// - uniform Float in [0, 1): the top 24 bits of one output times 2⁻²⁴;
///   uniform Double in [0, 1): the top 53 bits times 2⁻⁵³;
/// - normal: Box–Muller in Double on two uniforms (u1 taken in (0, 1]), both outputs used in order;
/// - bounded integer in [0, n): Lemire's multiply-shift with rejection (unbiased);
/// - permutation: Fisher–Yates from the last position down, swapping i with a bounded integer in [0, i];
/// - Bernoulli(p): uniform Float < p.
public struct RandomGenerator: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?
    public let seed: UInt64
    public let stream: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) {
        self.seed = seed
        self.stream = stream
        var x = seed ^ (0x9E37_79B9_7F4A_7C15 &* (stream &+ 1))
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x); s1 = splitMix(&x); s2 = splitMix(&x); s3 = splitMix(&x)
    }

    /// A generator for a named sub-task, independent of this one's position.
    public func derived(stream: UInt64) -> RandomGenerator {
        RandomGenerator(seed: seed &+ 0x632B_E59B_D9B4_E019 &* (self.stream &+ 1), stream: stream)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * uniformFloat() }

    public mutating func normal() -> Double {
        if let spare = spareNormal { spareNormal = nil; return spare }
        let u1 = 1 - uniformDouble()        // (0, 1]
        let u2 = uniformDouble()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        spareNormal = r * Foundation.sin(2 * Double.pi * u2)
        return r * Foundation.cos(2 * Double.pi * u2)
    }

    /// Unbiased integer in [0, n).
    public mutating func integer(below n: Int) -> Int {
        precondition(n > 0, "integer(below:) needs n > 0")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        var i = n - 1
        while i > 0 {
            p.swapAt(i, integer(below: i + 1))
            i -= 1
        }
        return p
    }

    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            array.swapAt(i, integer(below: i + 1))
            i -= 1
        }
    }

    public mutating func bernoulli(_ p: Float) -> Bool { uniformFloat() < p }
}

extension Tensor {
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, generator: inout RandomGenerator) -> Tensor {
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<t.count { t.pointer[i] = generator.uniform(low, high) }
        return t
    }

    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, generator: inout RandomGenerator) -> Tensor {
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<t.count { t.pointer[i] = mean + std * Float(generator.normal()) }
        return t
    }

    /// 1 with probability p, else 0.
    public static func bernoulli(_ shape: [Int], probability p: Float, generator: inout RandomGenerator) -> Tensor {
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<t.count { t.pointer[i] = generator.bernoulli(p) ? 1 : 0 }
        return t
    }
}
