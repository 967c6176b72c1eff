import Foundation

/// A port of `numpy.random.RandomState(seed).randn` (MT19937 with `init_genrand` seeding, 53-bit doubles
/// from two 32-bit draws, and the legacy polar Gaussian that caches its second value), so that the FID and
/// KID tests regenerate torch-fidelity's `RandomState(2023).randn(N, C)` features instead of storing them.
/// Checked against values NumPy printed (`first_feature` in fid.json).
struct NumPyRandomState {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var index = 624
    private var cachedGaussian: Double?

    init(seed: UInt32) {
        mt[0] = seed
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    private mutating func nextUInt32() -> UInt32 {
        if index >= 624 {
            for i in 0..<624 {
                let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7FFF_FFFF)
                mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
            index = 0
        }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `random_sample()`: (a·2²⁶ + b)/2⁵³ with a = next >> 5, b = next >> 6.
    mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `legacy_gauss`: Marsaglia's polar method, returning f·x2 and keeping f·x1 for the next call.
    mutating func nextGaussian() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// `randn(rows, columns)` in row-major order.
    mutating func randn(_ rows: Int, _ columns: Int) -> [Double] {
        (0..<(rows * columns)).map { _ in nextGaussian() }
    }
}
