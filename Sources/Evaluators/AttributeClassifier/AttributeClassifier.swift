import NN
import TensorCore

/// The CLAS-error attribute classifier (evaluators.md §7.1; STGAN `att_classification/models.py`,
/// "same … code as AttGAN"):
///
/// | stage | layers | channels (dim = 32) | map (128² input) |
/// |---|---|---|---|
/// | 1–5 | [conv 3×3 s1 p1, no bias → BN (momentum 0.1 = TF decay 0.9, eps 1e-5) → ReLU] × 2 → MaxPool 2 s2 | dim/2 · 1, 2, 4, 8, 16 | 64², 32², 16², 8², 4² |
/// | fc1 | flatten (NCHW order) → Linear → ReLU | 512 | |
/// | fc2 | Linear | one logit per attribute | |
///
/// Input RGB in [−1, 1] (`x_255/127.5 − 1`); an attribute is predicted present when its logit > 0
/// (sigmoid > 0.5, §7.2). Upstream's L2 weight decay 1e-4 is part of the training routine.
/// `features.{6s, 6s+1, 6s+3, 6s+4}` are stage s's convolutions and batch norms.
public final class AttributeClassifier: Module {
    public let features: Sequential
    public let fc1: Linear
    public let fc2: Linear
    public let attributeCount: Int
    public let imageSize: Int

    public init(attributes: Int, imageSize: Int = 128, dim: Int = 32, generator g: inout RandomGenerator) {
        precondition(imageSize % 32 == 0 && imageSize >= 32, "image size \(imageSize) must be a multiple of 32")
        var layers: [Module] = []
        var inChannels = 3
        for stage in 0..<5 {
            let width = (dim / 2) << stage
            for _ in 0..<2 {
                layers += [Conv2d(inChannels, width, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g),
                           BatchNorm2d(width, eps: 1e-5, momentum: 0.1), ReLU()]
                inChannels = width
            }
            layers.append(MaxPool2d(kernel: 2, stride: 2))
        }
        features = Sequential(layers)
        let side = imageSize / 32
        fc1 = Linear(inChannels * side * side, 512, generator: &g)
        fc2 = Linear(512, attributes, generator: &g)
        attributeCount = attributes
        self.imageSize = imageSize
    }

    /// Logits [N, attributes] of images [N, 3, size, size] in [−1, 1].
    public override func forward(_ x: Tensor) -> Tensor {
        guard x.rank == 4, x.shape[1] == 3, x.shape[2] == imageSize, x.shape[3] == imageSize else {
            ShapeError.fail("AttributeClassifier", "expects RGB images [N, 3, \(imageSize), \(imageSize)] in [−1, 1], got \(x.shape)")
        }
        return fc2(fc1(features(x).flattened()).relu())
    }

    /// 0/1 predictions (logit > 0), row-major [N × attributes], in evaluation mode without gradients.
    public func predict(_ x: Tensor) -> [Bool] {
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        return withoutGradients { forward(x) }.scalars.map { $0 > 0 }
    }
}
