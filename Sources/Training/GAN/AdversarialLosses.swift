import TensorCore

/// The adversarial objectives of the baselines, written once (`baselines.md` §1.3, §2.5, §3.4).
public enum AdversarialLoss {
    /// WGAN critic terms as StarGAN writes them: −mean D(real) for real, +mean D(fake) for fake;
    /// the means run over the batch and the patch map.
    public static func wasserstein(_ critic: Tensor, real: Bool) -> Tensor {
        real ? -critic.mean() : critic.mean()
    }

    /// LSGAN (CycleGAN's `GANLoss('lsgan')`, networks.py L210–270): MSE to 1 for real, 0 for fake.
    public static func leastSquares(_ prediction: Tensor, real: Bool) -> Tensor {
        mseLoss(prediction, Tensor(shape: prediction.shape, repeating: real ? 1 : 0))
    }

    /// Vanilla GAN with a sigmoid output (DCGAN/IcGAN's `nn.BCECriterion`): BCE to 1 or 0, on logits
    /// for stability (the logits are the pre-sigmoid outputs).
    public static func binaryCrossEntropy(logits: Tensor, real: Bool) -> Tensor {
        bceWithLogits(logits, targets: Tensor(shape: logits.shape, repeating: real ? 1 : 0))
    }
}

/// The classification objective of a domain classifier head (StarGAN `solver.classification_loss`,
/// L128–134): multi-label sigmoid BCE summed over attributes and divided by N (CelebA), or softmax
/// cross-entropy when the label vector is one one-hot group (RaFD's expressions, Multi-PIE's poses).
public enum DomainClassificationLoss: String, Codable, Sendable {
    case binaryCrossEntropy, softmaxCrossEntropy

    public func callAsFunction(_ logits: Tensor, _ labels: Tensor) -> Tensor {
        switch self {
        case .binaryCrossEntropy:
            return bceWithLogits(logits, targets: labels, reduction: .sum) / Float(logits.shape[0])
        case .softmaxCrossEntropy:
            return crossEntropy(logits, labels: DomainLabels.argmax(labels))
        }
    }
}
