/// The constants of SSIM and MS-SSIM. Defaults are those of Wang et al. 2003 as TensorFlow
/// (`tf.image.ssim_multiscale`) and pytorch-msssim (`ms_ssim`) code them (`evaluators.md` §2.1).
public struct SSIMParameters: Sendable, Equatable {
    /// Side of the Gaussian window, odd (11).
    public var windowSize: Int
    /// σ of the Gaussian window (1.5).
    public var windowSigma: Double
    /// C1 = (k1·L)², C2 = (k2·L)² with L the data range.
    public var k1: Double
    public var k2: Double
    /// One weight per scale, finest first. Their sum is 1.0001, not 1: "don't sum to 1.0 but match the
    /// paper" (TF `_MSSSIM_WEIGHTS`).
    public var scaleWeights: [Double]
    /// Odd-side handling of the 2×2 pooling between scales.
    public var oddSidePadding: OddSidePadding

    public static let standardWeights: [Double] = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]

    public init(windowSize: Int = 11, windowSigma: Double = 1.5, k1: Double = 0.01, k2: Double = 0.03,
                scaleWeights: [Double] = SSIMParameters.standardWeights,
                oddSidePadding: OddSidePadding = .zerosBothSides) {
        self.windowSize = windowSize
        self.windowSigma = windowSigma
        self.k1 = k1
        self.k2 = k2
        self.scaleWeights = scaleWeights
        self.oddSidePadding = oddSidePadding
    }

    /// Smallest side MS-SSIM accepts: every scale must still hold one window, (k − 1)·2^(M−1) + 1
    /// (161 px for 5 scales and 11 taps; pytorch-msssim asserts `min(H, W) > (win − 1)·2⁴`).
    public var minimumSide: Int {
        (windowSize - 1) << (scaleWeights.count - 1) + 1
    }
}
