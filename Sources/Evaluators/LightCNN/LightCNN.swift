import NN
import TensorCore

/// What the Light CNNs share: gray input in [0, 1] (evaluators.md §3.1, `extract_features.py`:
/// ToTensor, no mean/std), 128×128 upstream, and a 256-d identity feature taken before dropout, which
/// rank-1 compares by cosine similarity (§3.3). The input side is a parameter (a multiple of 16) so
/// that the embedded benchmark can train a scaled-down Light CNN at 64²; only the flattened width
/// before the 256-d layer depends on it ((side / 16)² · 128, 8192 at 128²).
public protocol LightCNN: Module {
    /// Side of the square gray input.
    var inputSize: Int { get }
    /// (class logits [N, classes], identity feature [N, 256]).
    func logitsAndFeature(_ x: Tensor) -> (logits: Tensor, feature: Tensor)
}

extension LightCNN {
    /// Upstream's input side.
    public static var standardInputSize: Int { 128 }
    public static var featureCount: Int { 256 }

    /// The 256-d features of gray faces [N, 1, side, side] in [0, 1], without recording gradients.
    public func identityFeatures(_ faces: Tensor) -> Tensor {
        withoutGradients { logitsAndFeature(faces).feature }
    }
}

/// The architectures by name (the `architecture` field of the profile's `lightCNN` evaluator).
public enum LightCNNArchitecture: String, Codable, Sendable, CaseIterable {
    case lightCNN9 = "lightcnn9"
    case lightCNN29v2 = "lightcnn29v2"

    public func make(classes: Int, inputSize: Int, generator g: inout RandomGenerator) -> any LightCNN {
        switch self {
        case .lightCNN9: return LightCNN9(classes: classes, inputSize: inputSize, generator: &g)
        case .lightCNN29v2: return LightCNN29v2(classes: classes, inputSize: inputSize, generator: &g)
        }
    }
}

func checkLightCNNInputSize(_ side: Int, _ network: String) {
    guard side >= 16, side % 16 == 0 else { ShapeError.fail(network, "input side \(side) must be a positive multiple of 16") }
}

func checkLightCNNInput(_ x: Tensor, _ network: String, side: Int) {
    guard x.rank == 4, x.shape[1] == 1, x.shape[2] == side, x.shape[3] == side else {
        ShapeError.fail(network, "expects gray faces [N, 1, \(side), \(side)] in [0, 1], got \(x.shape)")
    }
}
