import Foundation

/// The normalised 1-D Gaussian of the SSIM window, used separably (VainF pytorch-msssim
/// `_fspecial_gauss_1d`; TF `_fspecial_gauss` builds the same 2-D kernel as an outer product for odd
/// sizes). Taps at `i − (size − 1)/2`, weight `exp(−c²/(2σ²))`, divided by their sum.
/// For 11 taps and σ = 1.5 the centre tap is 0.2660117249 and the edge tap 0.0010283801
/// (`evaluators.md` §2.1, test vector 16).
public enum GaussianWindow {
    public static func taps(size: Int, sigma: Double) throws -> [Double] {
        guard size > 0, size % 2 == 1 else {
            throw MetricError.invalidArgument("the Gaussian window needs an odd positive size (got \(size)); "
                + "TF and pytorch-msssim disagree on even sizes")
        }
        guard sigma > 0, sigma.isFinite else {
            throw MetricError.invalidArgument("the Gaussian window needs σ > 0 (got \(sigma))")
        }
        let centre = Double(size - 1) / 2
        let raw = (0..<size).map { i -> Double in
            let c = Double(i) - centre
            return exp(-(c * c) / (2 * sigma * sigma))
        }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }
}
