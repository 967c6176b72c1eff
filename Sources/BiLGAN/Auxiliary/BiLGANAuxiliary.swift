import Datasets
import NN
import TensorCore
import Training

/// `bilgan-aux`: trains BiL-GAN's auxiliary networks once per dataset and seed, as a run like any other,
/// so every BiL-GAN variant starts from the same D_uv, D_a and φ (found by the run's configuration hash).
/// Each iteration updates all three on the real batch at r₁:
///   D_uv: masked L1 to the dataset's UV field;  D_a: the domain classification loss;
///   φ: softmax cross-entropy over the training identities.
public final class BiLGANAuxiliary: TrainingMethod {
    public let settings: BiLGANAuxiliarySettings
    public let networks: AuxiliaryNetworks
    let sampleIdentities: [Int]
    let classification: DomainClassificationLoss
    let uvOptimizer: Adam, attributeOptimizer: Adam, recogniserOptimizer: Adam

    /// `identities` overrides the context's count (a finished run rebuilt without its dataset).
    public init(settings: BiLGANAuxiliarySettings, context: MethodContext, identities: Int? = nil) {
        self.settings = settings
        networks = AuxiliaryNetworks(settings: settings, imageSize: context.imageSize, labelCount: context.labelCount,
                                     identities: identities ?? context.identityCount, seed: context.seed)
        sampleIdentities = context.sampleIdentities
        classification = DomainLabels.isOneHot(context.domains) ? .softmaxCrossEntropy : .binaryCrossEntropy
        func adam(_ m: Module) -> Adam {
            Adam(m.parameters(), learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
        }
        uvOptimizer = adam(networks.uv)
        attributeOptimizer = adam(networks.attributes)
        recogniserOptimizer = adam(networks.recogniser)
    }

    public var checkpointModules: [(name: String, module: Module)] { networks.named }

    public var optimizers: [(name: String, optimizer: Adam, module: Module)] {
        [("Duv", uvOptimizer, networks.uv), ("Da", attributeOptimizer, networks.attributes),
         ("phi", recogniserOptimizer, networks.recogniser)]
    }

    public let lossNames = ["Duv/loss_uv", "Da/loss_cls", "phi/loss_id", "Da/accuracy", "phi/accuracy"]

    public func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        let x = batch.images
        var losses: [String: Float] = [:]
        if let uv = batch.uv, let mask = batch.uvMask {
            let loss = AuxiliaryLosses.maskedL1(networks.uv(x), uv, mask: mask)
            uvOptimizer.update(gradients: gradients(of: loss, wrt: networks.uv.parameters().map(\.value)))
            losses["Duv/loss_uv"] = loss.scalar
        }
        let logits = networks.attributes(x)
        let attributeLoss = classification(logits, batch.labels)
        attributeOptimizer.update(gradients: gradients(of: attributeLoss, wrt: networks.attributes.parameters().map(\.value)))
        losses["Da/loss_cls"] = attributeLoss.scalar
        losses["Da/accuracy"] = Self.accuracy(logits: logits, labels: batch.labels, oneHot: classification == .softmaxCrossEntropy)

        let identities = batch.sampleIndices.map { sampleIdentities[$0] }
        let identityLogits = networks.recogniser(x)
        let identityLoss = crossEntropy(identityLogits, labels: identities)
        recogniserOptimizer.update(gradients: gradients(of: identityLoss, wrt: networks.recogniser.parameters().map(\.value)))
        losses["phi/loss_id"] = identityLoss.scalar
        losses["phi/accuracy"] = Self.accuracy(logits: identityLogits, classes: identities)
        return losses
    }

    /// The networks do not translate; samples show the input and its regressed U and V channels.
    public func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor {
        withoutGradients {
            let uv = networks.uv(images) * 2 - 1
            let u = uv.slice(axis: 1, 0..<1), v = uv.slice(axis: 1, 1..<2)
            return Tensor.concatenate([u, v, Tensor.zeros(u.shape)], axis: 1)
        }
    }

    /// Share of correct batch predictions: argmax for one-hot labels, per-attribute sign otherwise.
    static func accuracy(logits: Tensor, labels: Tensor, oneHot: Bool) -> Float {
        if oneHot { return accuracy(logits: logits, classes: DomainLabels.argmax(labels)) }
        let (p, l) = (logits.scalars, labels.scalars)
        let right = zip(p, l).filter { ($0 > 0) == ($1 > 0.5) }.count
        return Float(right) / Float(max(l.count, 1))
    }

    static func accuracy(logits: Tensor, classes: [Int]) -> Float {
        let width = logits.shape[1], s = logits.scalars
        let right = classes.enumerated().filter { i, c in
            let row = s[(i * width)..<((i + 1) * width)]
            return row.firstIndex(of: row.max()!)! - i * width == c
        }.count
        return Float(right) / Float(max(classes.count, 1))
    }
}
