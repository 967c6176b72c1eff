import NN
import TensorCore

/// Light CNN-9 (`light_cnn.py` `network_9layers`, evaluators.md §3.2):
///
/// | # | layer | out | map |
/// |---|---|---|---|
/// | features.0 | mfm 5×5 p2 | 48 | 128² |
/// | features.1 | MaxPool 2 s2 ceil | | 64² |
/// | features.2 | group 3×3 | 96 | |
/// | features.3 | MaxPool 2 s2 ceil | | 32² |
/// | features.4 | group 3×3 | 192 | |
/// | features.5 | MaxPool 2 s2 ceil | | 16² |
/// | features.6, 7 | group 3×3, group 3×3 | 128, 128 | |
/// | features.8 | MaxPool 2 s2 ceil | | 8² |
/// | fc1 | mfm linear 8192 → 256 | 256 (the feature) | |
/// | fc2 | dropout 0.5, Linear 256 → classes | classes | |
///
/// Upstream returns the fc1 output after dropout as the feature; in evaluation mode that is fc1.
public final class LightCNN9: Module, LightCNN {
    public let features: Sequential
    public let fc1: MaxFeatureMap
    public let dropout: Dropout
    public let fc2: Linear
    public let inputSize: Int

    /// `classes` = training identities (79077 upstream; the subjects of the training split here).
    public init(classes: Int, inputSize: Int = 128, generator g: inout RandomGenerator) {
        checkLightCNNInputSize(inputSize, "LightCNN9")
        self.inputSize = inputSize
        let cells = (inputSize / 16) * (inputSize / 16)
        func pool() -> MaxPool2d { MaxPool2d(kernel: 2, stride: 2, ceilMode: true) }
        features = Sequential(
            MaxFeatureMap(1, 48, kernel: 5, stride: 1, padding: 2, generator: &g), pool(),
            MaxFeatureMapGroup(48, 96, generator: &g), pool(),
            MaxFeatureMapGroup(96, 192, generator: &g), pool(),
            MaxFeatureMapGroup(192, 128, generator: &g),
            MaxFeatureMapGroup(128, 128, generator: &g), pool())
        fc1 = MaxFeatureMap(linear: cells * 128, 256, generator: &g)
        dropout = Dropout(0.5, generator: g.derived(stream: 9))
        fc2 = Linear(256, classes, generator: &g)
    }

    public func logitsAndFeature(_ x: Tensor) -> (logits: Tensor, feature: Tensor) {
        checkLightCNNInput(x, "LightCNN9", side: inputSize)
        let feature = fc1(features(x).flattened())
        return (fc2(dropout(feature)), feature)
    }

    public override func forward(_ x: Tensor) -> Tensor { logitsAndFeature(x).logits }
}
