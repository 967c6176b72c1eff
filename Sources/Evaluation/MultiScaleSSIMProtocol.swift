import EvaluationMetrics

/// MS-SSIM at the run's resolution. The standard 5 scales need sides ≥ 161 px (`SSIMParameters
/// .minimumSide`); the embedded profiles train at 32–64 px, so below that we use the documented
/// alternative: the largest number of scales M whose coarsest map still holds one 11-tap window
/// ((11 − 1)·2^(M−1) + 1 ≤ side: 3 scales at 64², 2 at 32²), with the first M standard weights
/// renormalised to sum 1. Upsampling to 161 px instead would smooth both images and inflate the score.
/// The protocol name says which was used, so the two are never averaged together.
public struct MultiScaleSSIMProtocol: Sendable, Equatable {
    public let parameters: SSIMParameters
    public let name: String

    public init(side: Int) throws {
        let standard = SSIMParameters()
        if side >= standard.minimumSide {
            parameters = standard
            name = "ms-ssim/5-scales-wang2003"
            return
        }
        var scales = SSIMParameters.standardWeights.count
        while scales > 1 && (standard.windowSize - 1) << (scales - 1) + 1 > side { scales -= 1 }
        guard side >= standard.windowSize else {
            throw MetricError.invalidArgument("MS-SSIM needs images of at least \(standard.windowSize) px, got \(side)")
        }
        let weights = Array(SSIMParameters.standardWeights.prefix(scales))
        let total = weights.reduce(0, +)
        parameters = SSIMParameters(scaleWeights: weights.map { $0 / total })
        name = "ms-ssim/\(scales)-scales-renormalised"
    }
}
