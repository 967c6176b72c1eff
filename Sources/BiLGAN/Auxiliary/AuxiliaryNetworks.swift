import Evaluators
import Foundation
import NN
import Networks
import TensorCore

/// The face recogniser whose embedding φ feeds the mutual-information loss: a §7 network trained to
/// classify the training identities (**Decision** `recogniser`); φ is its 512-d fc1 activation.
public final class FaceRecogniser: Module {
    public let network: AttributeClassifier

    public init(identities: Int, imageSize: Int, dim: Int, generator g: inout RandomGenerator) {
        network = AttributeClassifier(attributes: identities, imageSize: imageSize, dim: dim, generator: &g)
    }

    /// Identity logits [N, identities].
    public override func forward(_ x: Tensor) -> Tensor { network(x) }

    /// φ(x): [N, 512], differentiable with respect to x (the generator's loss flows through it).
    public func embedding(_ x: Tensor) -> Tensor {
        network.fc1(network.features(x).flattened()).relu()
    }
}

/// D_uv, D_a and φ at r₁, built from their settings with weights drawn from `seed`'s stream 2 (so the
/// same seed gives the same networks in `bilgan-aux` and in BiL-GAN before the checkpoint loads).
public struct AuxiliaryNetworks {
    public let uv: UVRegressor
    public let attributes: AttributeClassifier
    public let recogniser: FaceRecogniser

    public static let initialisationStream: UInt64 = 2

    public init(settings: BiLGANAuxiliarySettings, imageSize: Int, labelCount: Int, identities: Int, seed: UInt64) {
        var g = RandomGenerator(seed: seed, stream: Self.initialisationStream)
        uv = UVRegressor(width: settings.uvRegressorWidth, levels: settings.uvRegressorLevels, generator: &g)
        attributes = AttributeClassifier(attributes: labelCount, imageSize: imageSize, dim: settings.attributeNetworkDim, generator: &g)
        recogniser = FaceRecogniser(identities: max(identities, 1), imageSize: imageSize, dim: settings.recogniserDim, generator: &g)
    }

    /// Checkpoint names, shared by `bilgan-aux` and BiL-GAN so one loads into the other.
    public var named: [(name: String, module: Module)] { [("Duv", uv), ("Da", attributes), ("phi", recogniser)] }
}

/// The supervised losses of the auxiliary networks on real images (`bilgan-method.md`, initial phase).
public enum AuxiliaryLosses {
    /// L1 between UV fields [N, 2, H, W] averaged over the face pixels of `mask` [N, 1, H, W]
    /// (**Decision** `uvLossMask`: UV is undefined off the face). Zero when the mask is empty.
    public static func maskedL1(_ prediction: Tensor, _ target: Tensor, mask: Tensor) -> Tensor {
        precondition(prediction.shape == target.shape && mask.shape[0] == target.shape[0] && mask.shape[1] == 1,
                     "masked L1: prediction \(prediction.shape), target \(target.shape), mask \(mask.shape)")
        let pixels = mask.sum().scalar * Float(target.shape[1])
        guard pixels > 0 else { return Tensor.zeros([]) }
        return ((prediction - target).abs() * mask.expanded(to: target.shape)).sum() / pixels
    }
}
