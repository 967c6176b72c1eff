import Foundation
import Imaging
import EvaluationMetrics

/// How far an output is from the renderer's ground truth, for simulated raters. Pixels in [0, 1].
public enum ImageDistance: String, Codable, Sendable, CaseIterable {
    /// Mean absolute pixel difference.
    case l1
    /// 1 − MS-SSIM (pytorch-msssim protocol, `Sources/Metrics`; images need sides ≥ 161 px).
    case oneMinusMSSSIM = "1-ms-ssim"

    /// Methods trained at different resolutions are compared at the smaller one: the larger image is
    /// area-downsampled (the paper scores BiL-GAN's 1024² outputs downsampled to the baselines' 256²).
    /// Different channel counts or aspect ratios are an error naming the file.
    public func callAsFunction(_ output: Image, _ groundTruth: Image, path: String) throws -> Double {
        guard output.channels == groundTruth.channels,
              output.width * groundTruth.height == output.height * groundTruth.width else {
            throw StudyError.image(path: path, message: "is \(output.width)×\(output.height)×\(output.channels) but its ground truth is "
                + "\(groundTruth.width)×\(groundTruth.height)×\(groundTruth.channels)")
        }
        if output.width != groundTruth.width {
            let (w, h) = (min(output.width, groundTruth.width), min(output.height, groundTruth.height))
            return try callAsFunction(output.resized(width: w, height: h, filter: .area),
                                      groundTruth.resized(width: w, height: h, filter: .area), path: path)
        }
        switch self {
        case .l1:
            var sum = 0.0
            for i in output.pixels.indices { sum += Double(abs(output.pixels[i] - groundTruth.pixels[i])) }
            return sum / Double(output.pixels.count)
        case .oneMinusMSSSIM:
            do {
                let x = try ImagePlanes(output.pixels, layout: .interleaved, channels: output.channels, height: output.height, width: output.width)
                let y = try ImagePlanes(groundTruth.pixels, layout: .interleaved, channels: groundTruth.channels,
                                        height: groundTruth.height, width: groundTruth.width)
                return 1 - (try StructuralSimilarity.multiScale(x, y, dataRange: 1))
            } catch let error as MetricError {
                throw StudyError.image(path: path, message: "\(error)")
            }
        }
    }
}
