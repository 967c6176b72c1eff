import NN
import TensorCore

/// Light CNN-29 v2 (`light_cnn.py` `network_29layers_v2` with `resblock`, [1, 2, 3, 4];
/// evaluators.md §3.2). Every pooling is max-pool 2 + avg-pool 2, and the feature layer is a plain
/// Linear (no MFM); the classifier has no bias (80013 classes upstream).
///
/// | layer | out | map |
/// |---|---|---|
/// | conv1 mfm 5×5 p2, pool | 48 | 64² |
/// | block1 (1 resblock), group1 3×3, pool | 96 | 32² |
/// | block2 (2 resblocks), group2 3×3, pool | 192 | 16² |
/// | block3 (3 resblocks), group3 3×3 | 128 | 16² |
/// | block4 (4 resblocks), group4 3×3, pool | 128 | 8² |
/// | fc Linear 8192 → 256 (the feature) | 256 | |
/// | dropout 0.5, fc2 Linear 256 → classes, no bias | classes | |
public final class LightCNN29v2: Module, LightCNN {
    public let conv1: MaxFeatureMap
    public let block1: Sequential
    public let group1: MaxFeatureMapGroup
    public let block2: Sequential
    public let group2: MaxFeatureMapGroup
    public let block3: Sequential
    public let group3: MaxFeatureMapGroup
    public let block4: Sequential
    public let group4: MaxFeatureMapGroup
    public let fc: Linear
    public let dropout: Dropout
    public let fc2: Linear
    public let inputSize: Int

    public init(classes: Int, inputSize: Int = 128, generator g: inout RandomGenerator) {
        checkLightCNNInputSize(inputSize, "LightCNN29v2")
        self.inputSize = inputSize
        let cells = (inputSize / 16) * (inputSize / 16)
        func blocks(_ count: Int, _ channels: Int) -> Sequential {
            Sequential((0..<count).map { _ in MaxFeatureMapResidualBlock(channels, generator: &g) })
        }
        conv1 = MaxFeatureMap(1, 48, kernel: 5, stride: 1, padding: 2, generator: &g)
        block1 = blocks(1, 48)
        group1 = MaxFeatureMapGroup(48, 96, generator: &g)
        block2 = blocks(2, 96)
        group2 = MaxFeatureMapGroup(96, 192, generator: &g)
        block3 = blocks(3, 192)
        group3 = MaxFeatureMapGroup(192, 128, generator: &g)
        block4 = blocks(4, 128)
        group4 = MaxFeatureMapGroup(128, 128, generator: &g)
        fc = Linear(cells * 128, 256, generator: &g)
        dropout = Dropout(0.5, generator: g.derived(stream: 29))
        fc2 = Linear(256, classes, bias: false, generator: &g)
    }

    /// `F.max_pool2d(x, 2) + F.avg_pool2d(x, 2)`.
    static func pool(_ x: Tensor) -> Tensor {
        maxPool2d(x, kernel: (2, 2)) + avgPool2d(x, kernel: (2, 2))
    }

    public func logitsAndFeature(_ x: Tensor) -> (logits: Tensor, feature: Tensor) {
        checkLightCNNInput(x, "LightCNN29v2", side: inputSize)
        var h = Self.pool(conv1(x))
        h = Self.pool(group1(block1(h)))
        h = Self.pool(group2(block2(h)))
        h = group3(block3(h))
        h = Self.pool(group4(block4(h)))
        let feature = fc(h.flattened())
        return (fc2(dropout(feature)), feature)
    }

    public override func forward(_ x: Tensor) -> Tensor { logitsAndFeature(x).logits }
}
