import Foundation
import TensorCore

/// A port of `numpy.random.RandomState(seed).randn` (MT19937 with `init_genrand` seeding, 53-bit doubles
/// from two 32-bit draws, and the legacy polar Gaussian that caches its second value), so that the FID and
/// KID tests regenerate torch-fidelity's `RandomState(2023).randn(N, C)` features instead of storing them.
/// Checked against values NumPy printed (`first_feature` in fid.json).
struct NumPyRandomState {
    private var twister: MersenneTwister
    private var cachedGaussian: Double?

    init(seed: UInt32) { twister = MersenneTwister(seed: seed) }

    /// `random_sample()`: (a·2²⁶ + b)/2⁵³ with a = next >> 5, b = next >> 6.
    mutating func nextDouble() -> Double { twister.nextDouble() }

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
