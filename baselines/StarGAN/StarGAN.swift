import Datasets
import NN
import Networks
import TensorCore
import Training

/// StarGAN (Choi et al. 2018) trained as `yunjey/stargan` `solver.train` does (L185–320,
/// `baselines.md` §1.3): every iteration a critic step
///   L_D = −mean D_src(x) + mean D_src(G(x, c′)) + λ_cls·L_cls(D_cls(x), c) + λ_gp·GP,
/// and every `criticSteps`-th iteration, on the same batch, a generator step
///   L_G = −mean D_src(G(x, c′)) + λ_rec·mean|x − G(G(x, c′), c)| + λ_cls·L_cls(D_cls(G(x, c′)), c′),
/// with c′ the batch's labels in a random order. Classification is BCE summed over attributes / N,
/// or softmax cross-entropy on one-hot label sets (RaFD expressions, Multi-PIE poses).
public final class StarGAN: TrainingMethod {
    public let settings: StarGANSettings
    public let generator: StarGANGenerator
    public let discriminator: StarGANDiscriminator
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    public let classificationLoss: DomainClassificationLoss

    public init(settings: StarGANSettings, context: MethodContext) {
        self.settings = settings
        var random = RandomGenerator(seed: context.seed, stream: MethodContext.initialisationStream)
        generator = StarGANGenerator(convDim: settings.generatorConvDim, labelCount: context.labelCount,
                                     residualBlocks: settings.generatorResidualBlocks,
                                     affineInit: settings.normScaleInit, generator: &random)
        discriminator = StarGANDiscriminator(imageSize: context.imageSize, convDim: settings.discriminatorConvDim,
                                             labelCount: context.labelCount, repeatNum: settings.discriminatorRepeat,
                                             generator: &random)
        generatorOptimizer = Adam(generator.parameters(), learningRate: settings.generatorLearningRate,
                                  beta1: settings.beta1, beta2: settings.beta2)
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: settings.discriminatorLearningRate,
                                      beta1: settings.beta1, beta2: settings.beta2)
        classificationLoss = DomainLabels.isOneHot(context.domains) ? .softmaxCrossEntropy : .binaryCrossEntropy
    }

    public var checkpointModules: [(name: String, module: Module)] { [("G", generator), ("D", discriminator)] }

    public var optimizers: [(name: String, optimizer: Adam, module: Module)] {
        [("G", generatorOptimizer, generator), ("D", discriminatorOptimizer, discriminator)]
    }

    public let lossNames = ["D/loss_real", "D/loss_fake", "D/loss_cls", "D/loss_gp",
                            "G/loss_fake", "G/loss_rec", "G/loss_cls"]

    public func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        let targets = DomainLabels.shuffled(batch.labels, random: &random)
        let alpha = GradientPenalty.interpolationWeights(count: batch.images.shape[0], random: &random)
        var losses = discriminatorStep(real: batch.images, labels: batch.labels, targets: targets, alpha: alpha)
        if (iteration + 1) % settings.criticSteps == 0 {
            losses.merge(generatorStep(real: batch.images, labels: batch.labels, targets: targets)) { $1 }
        }
        return losses
    }

    /// The critic update (`solver.py` L243–266), with the GP interpolation weights given.
    public func discriminatorStep(real x: Tensor, labels: Tensor, targets: Tensor, alpha: Tensor) -> [String: Float] {
        let (D, G) = (discriminator, generator)
        let (sourceReal, classesReal) = D(x)
        let lossReal = AdversarialLoss.wasserstein(sourceReal, real: true)
        let lossClassification = classificationLoss(classesReal, labels)
        let fake = withoutGradients { G(x, labels: targets) }
        let lossFake = AdversarialLoss.wasserstein(D(fake).source, real: false)
        let penalty = GradientPenalty.penalty(critic: { D($0).source }, real: x, fake: fake, alpha: alpha)
        let loss = lossReal + lossFake + settings.lambdaClassification * lossClassification
            + settings.lambdaGradientPenalty * penalty
        discriminatorOptimizer.update(gradients: gradients(of: loss, wrt: D.parameters().map(\.value)))
        return ["D/loss_real": lossReal.scalar, "D/loss_fake": lossFake.scalar,
                "D/loss_cls": lossClassification.scalar, "D/loss_gp": penalty.scalar]
    }

    /// The generator update (`solver.py` L271–291).
    public func generatorStep(real x: Tensor, labels: Tensor, targets: Tensor) -> [String: Float] {
        let (D, G) = (discriminator, generator)
        let fake = G(x, labels: targets)
        let (source, classes) = D(fake)
        let lossFake = AdversarialLoss.wasserstein(source, real: true)
        let lossClassification = classificationLoss(classes, targets)
        let lossReconstruction = l1Loss(x, G(fake, labels: labels))
        let loss = lossFake + settings.lambdaReconstruction * lossReconstruction
            + settings.lambdaClassification * lossClassification
        generatorOptimizer.update(gradients: gradients(of: loss, wrt: G.parameters().map(\.value)))
        return ["G/loss_fake": lossFake.scalar, "G/loss_rec": lossReconstruction.scalar,
                "G/loss_cls": lossClassification.scalar]
    }

    public func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor {
        withoutGradients { generator(images, labels: targetLabels) }
    }
}
