import Foundation

/// SSIM and MS-SSIM of an image pair (Wang, Simoncelli, Bovik 2003), coded as TensorFlow's
/// `ssim_multiscale` and pytorch-msssim's `ms_ssim` do (`evaluators.md` §2.1–2.2):
/// Gaussian 'valid' local statistics with the biased (weighted) variance, contrast-structure
/// `cs = (2σxy + C2)/(σx² + σy² + C2)` at scales 1…M−1, full SSIM `l·cs` at scale M, each averaged over
/// its map, passed through relu, raised to its weight, multiplied per channel; the channel results are
/// then averaged. `dataRange` is L in C1 = (k1·L)², C2 = (k2·L)²: 255 for 0…255 pixels, 1 for 0…1.
public enum StructuralSimilarity {
    /// MS-SSIM of one pair. Throws when shapes differ, the range is not positive, or a side is below
    /// `parameters.minimumSide` (161 px for the standard 5 scales).
    public static func multiScale(_ x: ImagePlanes, _ y: ImagePlanes, dataRange: Double,
                                  parameters: SSIMParameters = SSIMParameters()) throws -> Double {
        try validate(x, y, dataRange: dataRange)
        let scales = parameters.scaleWeights.count
        guard scales >= 1 else { throw MetricError.invalidArgument("MS-SSIM needs at least one scale weight") }
        let minimum = parameters.minimumSide
        guard min(x.height, x.width) >= minimum else {
            throw MetricError.imageTooSmall(height: x.height, width: x.width, minimumSide: minimum,
                                            scales: scales, windowSize: parameters.windowSize)
        }
        let taps = try GaussianWindow.taps(size: parameters.windowSize, sigma: parameters.windowSigma)
        var total = 0.0
        for c in 0..<x.channels {
            var a = x.plane(c), b = y.plane(c)
            var product = 1.0
            for scale in 0..<scales {
                let moments = LocalMoments(a, b, taps: taps, dataRange: dataRange, parameters: parameters)
                let isLast = scale == scales - 1
                let term = isLast ? moments.meanSSIM : moments.meanContrastStructure
                product *= pow(max(term, 0), parameters.scaleWeights[scale])
                if !isLast {
                    a = Downsampling.averagePool(a, padding: parameters.oddSidePadding)
                    b = Downsampling.averagePool(b, padding: parameters.oddSidePadding)
                }
            }
            total += product
        }
        return total / Double(x.channels)
    }

    /// Single-scale SSIM of one pair: the mean SSIM map per channel, averaged over channels, with no
    /// relu (negative values are kept, as TF `ssim` and pytorch-msssim `ssim(nonnegative_ssim=False)`).
    public static func singleScale(_ x: ImagePlanes, _ y: ImagePlanes, dataRange: Double,
                                   parameters: SSIMParameters = SSIMParameters()) throws -> Double {
        try validate(x, y, dataRange: dataRange)
        guard min(x.height, x.width) >= parameters.windowSize else {
            throw MetricError.imageTooSmall(height: x.height, width: x.width, minimumSide: parameters.windowSize,
                                            scales: 1, windowSize: parameters.windowSize)
        }
        let taps = try GaussianWindow.taps(size: parameters.windowSize, sigma: parameters.windowSigma)
        var total = 0.0
        for c in 0..<x.channels {
            total += LocalMoments(x.plane(c), y.plane(c), taps: taps, dataRange: dataRange,
                                  parameters: parameters).meanSSIM
        }
        return total / Double(x.channels)
    }

    private static func validate(_ x: ImagePlanes, _ y: ImagePlanes, dataRange: Double) throws {
        guard x.channels == y.channels, x.height == y.height, x.width == y.width else {
            throw MetricError.shapeMismatch("images of \(x.channels)×\(x.height)×\(x.width) and "
                + "\(y.channels)×\(y.height)×\(y.width) cannot be compared")
        }
        guard dataRange > 0, dataRange.isFinite else {
            throw MetricError.invalidArgument("the data range must be positive (255 for 0…255 pixels, "
                + "1 for 0…1), got \(dataRange)")
        }
    }
}

/// Mean contrast-structure and mean SSIM of one channel pair at one scale.
private struct LocalMoments {
    let meanContrastStructure: Double
    let meanSSIM: Double

    init(_ x: Plane, _ y: Plane, taps: [Double], dataRange: Double, parameters: SSIMParameters) {
        let c1 = (parameters.k1 * dataRange) * (parameters.k1 * dataRange)
        let c2 = (parameters.k2 * dataRange) * (parameters.k2 * dataRange)
        let muX = SeparableFilter.valid(x, taps: taps).values
        let muY = SeparableFilter.valid(y, taps: taps).values
        let xx = SeparableFilter.valid(x * x, taps: taps).values
        let yy = SeparableFilter.valid(y * y, taps: taps).values
        let xy = SeparableFilter.valid(x * y, taps: taps).values
        var csSum = 0.0, ssimSum = 0.0
        for i in muX.indices {
            let mx = muX[i], my = muY[i]
            // Biased estimator, "compensation = 1.0" (TF `_ssim_helper`, pytorch-msssim `_ssim`).
            let varX = xx[i] - mx * mx, varY = yy[i] - my * my, cov = xy[i] - mx * my
            let cs = (2 * cov + c2) / (varX + varY + c2)
            let luminance = (2 * mx * my + c1) / (mx * mx + my * my + c1)
            csSum += cs
            ssimSum += luminance * cs
        }
        meanContrastStructure = csSum / Double(muX.count)
        meanSSIM = ssimSum / Double(muX.count)
    }
}
