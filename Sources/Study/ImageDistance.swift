import Foundation
import Imaging
import EvaluationMetrics

/// How far an output is from the renderer's ground truth, for simulated raters. Pixels in [0, 1].
public enum ImageDistance: String, Codable, Sendable, CaseIterable {
    /// Mean absolute pixel difference.
    case l1
    /// 1 − MS-SSIM (pytorch-msssim protocol, `Sources/Metrics`; images need sides ≥ 161 px).
    case oneMinusMSSSIM = "1-ms-ssim"

    public func callAsFunction(_ output: Image, _ groundTruth: Image, path: String) throws -> Double {
        guard output.width == groundTruth.width, output.height == groundTruth.height, output.channels == groundTruth.channels else {
            throw StudyError.image(path: path, message: "is \(output.width)×\(output.height)×\(output.channels) but its ground truth is "
                + "\(groundTruth.width)×\(groundTruth.height)×\(groundTruth.channels)")
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
