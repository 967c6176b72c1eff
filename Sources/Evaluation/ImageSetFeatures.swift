import EvaluationMetrics
import Evaluators
import Imaging
import TensorCore

/// A set of decoded images through a feature extractor and into the Fréchet distance: the path every
/// FD-SynthFaces / FID-Inception number takes (and the one the end-to-end fixture test checks
/// against pytorch-fid's formula in NumPy).
public enum ImageSetFeatures {
    /// Features [N × D] of same-sized RGB images ([0, 1] pixels), `batchSize` at a time.
    public static func features(of images: [Image], extractor: FeatureExtractor, batchSize: Int = 50) throws -> FeatureMatrix {
        try FeatureMatrix(rows: images.count, columns: extractor.featureCount,
                          values: extractor.features(count: images.count, batchSize: batchSize) { tensor01(Array(images[$0])) })
    }

    /// pytorch-fid's Fréchet distance between the Gaussians fitted to two feature sets.
    public static func frechetDistance(_ a: FeatureMatrix, _ b: FeatureMatrix) throws -> FrechetDistance.Result {
        try FrechetDistance.compute(try GaussianStatistics(features: a), try GaussianStatistics(features: b))
    }

    /// [N, 3, H, W] in [0, 1] from same-sized RGB images.
    public static func tensor01(_ images: [Image]) -> Tensor {
        let (h, w) = (images[0].height, images[0].width), plane = h * w
        var scalars = [Float](repeating: 0, count: images.count * 3 * plane)
        for (k, image) in images.enumerated() {
            precondition(image.width == w && image.height == h && image.channels == 3, "images of one batch differ in size")
            for p in 0..<plane { for c in 0..<3 { scalars[(k * 3 + c) * plane + p] = image.pixels[p * 3 + c] } }
        }
        return Tensor(shape: [images.count, 3, h, w], scalars: scalars)
    }
}
