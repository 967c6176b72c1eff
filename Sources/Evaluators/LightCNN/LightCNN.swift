import NN
import TensorCore

/// What the Light CNNs share: 128×128 gray input in [0, 1] (evaluators.md §3.1, `extract_features.py`:
/// ToTensor, no mean/std) and a 256-d identity feature taken before dropout, which rank-1 compares
/// by cosine similarity (§3.3).
public protocol LightCNN: Module {
    /// (class logits [N, classes], identity feature [N, 256]).
    func logitsAndFeature(_ x: Tensor) -> (logits: Tensor, feature: Tensor)
}

extension LightCNN {
    public static var inputSize: Int { 128 }
    public static var featureCount: Int { 256 }

    /// The 256-d features of gray faces [N, 1, 128, 128] in [0, 1], without recording gradients.
    public func identityFeatures(_ faces: Tensor) -> Tensor {
        withoutGradients { logitsAndFeature(faces).feature }
    }
}

func checkLightCNNInput(_ x: Tensor, _ network: String) {
    guard x.rank == 4, x.shape[1] == 1, x.shape[2] == 128, x.shape[3] == 128 else {
        ShapeError.fail(network, "expects gray faces [N, 1, 128, 128] in [0, 1], got \(x.shape)")
    }
}
