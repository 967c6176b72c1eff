import NN
import TensorCore

/// The embedded benchmark's feature extractor ("FD-SynthFaces"): no Inception weights exist offline,
/// so the Fréchet distance, KID and PRDC of the SynthFaces default are computed in the 256-d pooled
/// features of this small network, trained on the training split to tell identities and attributes
/// apart (`FaceFeatureTraining`). Numbers in its space are a different metric from FID-Inception and
/// are stored under `protocolName` ("FD-SynthFaces/<hash>"), never in one column with it.
///
/// | stage | layers | channels (width w) | map (64² input) |
/// |---|---|---|---|
/// | 1–4 | conv 3×3 s1 p1 (no bias) → BN → ReLU → MaxPool 2 | w, 2w, 4w, featureCount | 32², 16², 8², 4² |
/// | pool | global average | featureCount (the features) | |
/// | heads | Linear → identity logits; Linear → attribute logits | | |
public final class SynthFacesFeatureNet: Module, FeatureExtractor {
    public let trunk: Sequential
    public let identityHead: Linear
    public let attributeHead: Linear
    public let imageSize: Int
    public let featureCount: Int
    /// Set by whoever knows the trained weights' hash (`EvaluatorCatalog`); names the feature space.
    public var protocolName: String

    public init(identities: Int, attributes: Int, imageSize: Int = 64, width: Int = 16, featureCount: Int = 256,
                generator g: inout RandomGenerator) {
        precondition(imageSize % 16 == 0 && imageSize >= 16, "image size \(imageSize) must be a multiple of 16")
        precondition(identities >= 1 && attributes >= 1 && width >= 1 && featureCount >= 1, "empty network")
        var layers: [Module] = []
        var inChannels = 3
        for outChannels in [width, 2 * width, 4 * width, featureCount] {
            layers += [Conv2d(inChannels, outChannels, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g),
                       BatchNorm2d(outChannels), ReLU(), MaxPool2d(kernel: 2, stride: 2)]
            inChannels = outChannels
        }
        trunk = Sequential(layers)
        identityHead = Linear(featureCount, identities, generator: &g)
        attributeHead = Linear(featureCount, attributes, generator: &g)
        self.imageSize = imageSize
        self.featureCount = featureCount
        protocolName = Self.protocolPrefix
    }

    /// Every stored number of this extractor has a protocol starting with this.
    public static let protocolPrefix = "FD-SynthFaces"

    /// Pooled features [N, featureCount] of images [N, 3, imageSize, imageSize] in [−1, 1] (recorded
    /// when gradients are on: training goes through here).
    public func embedding(_ x: Tensor) -> Tensor {
        guard x.rank == 4, x.shape[1] == 3, x.shape[2] == imageSize, x.shape[3] == imageSize else {
            ShapeError.fail("SynthFacesFeatureNet", "expects RGB images [N, 3, \(imageSize), \(imageSize)], got \(x.shape)")
        }
        return trunk(x).mean(axes: [2, 3])
    }

    /// (identity logits, attribute logits) of images in [−1, 1].
    public func heads(_ x: Tensor) -> (identity: Tensor, attributes: Tensor) {
        let e = embedding(x)
        return (identityHead(e), attributeHead(e))
    }

    public override func forward(_ x: Tensor) -> Tensor { embedding(x) }

    /// `FeatureExtractor`: images in [0, 1], any square size (bilinearly resized to `imageSize`),
    /// in evaluation mode without gradients.
    public func features(_ images: Tensor) -> Tensor {
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        return withoutGradients {
            var x = images.scaled(by: 2).shifted(by: -1)
            if x.shape[2] != imageSize || x.shape[3] != imageSize { x = resizeBilinear(x, height: imageSize, width: imageSize) }
            return embedding(x)
        }
    }
}
