import Datasets
import NN
import TensorCore
import Training

/// IcGAN (Perarnau et al. 2016) in its two upstream phases, scheduled by iteration in one run:
///
/// 1. iterations < `ganIterations`, the conditional GAN (`trainGAN.lua` L203–371): labels become
///    y ∈ {−1, +1}; D learns BCE(D(x, y), 1) + ½·BCE(D(x, y_wrong), 0) + ½·BCE(D(G(z, y_fake), y_fake), 0)
///    with y_wrong another image's labels (differing from y) and y_fake real label vectors in a random
///    order, z ~ N(0, 1); then G learns BCE(D(G(z, y_fake), y_fake), 1) on the same fakes with the
///    updated D. One D and one G Adam step per iteration.
/// 2. the rest, the encoders with G frozen (`trainEncoder.lua`): E_z regresses z from x = G(z, y_fake)
///    and E_y regresses y from real images, both with MSE.
///
/// Translation (`reconstructWithVariations.lua`): z = E_z(x), y = E_y(x) thresholded at 0, the
/// columns the edit changes set to the target, x′ = G(z, y′) at 64², resized bilinearly to the
/// input's size when it differs. G is switched to evaluation mode (BN running statistics) for the
/// encoder phase and for translation, as upstream evaluates it; upstream first re-estimates those
/// statistics with 100 extra forward passes, here they are the running averages of training.
public final class IcGAN: TrainingMethod {
    public let settings: IcGANSettings
    public let generator: IcGANGenerator
    public let discriminator: IcGANDiscriminator
    public let encoderZ: IcGANEncoder
    public let encoderY: IcGANEncoder
    let generatorOptimizer: Adam, discriminatorOptimizer: Adam, encoderZOptimizer: Adam, encoderYOptimizer: Adam

    public init(settings s: IcGANSettings, context: MethodContext) {
        settings = s
        var random = RandomGenerator(seed: context.seed, stream: MethodContext.initialisationStream)
        let ny = context.labelCount
        generator = IcGANGenerator(noiseSize: s.noiseSize, labelCount: ny, ngf: s.generatorFilters, generator: &random)
        discriminator = IcGANDiscriminator(labelCount: ny, ndf: s.discriminatorFilters, generator: &random)
        encoderZ = IcGANEncoder(outputs: s.noiseSize, fullyConnected: s.encoderZFullyConnected, nf: s.encoderFilters, generator: &random)
        encoderY = IcGANEncoder(outputs: ny, fullyConnected: s.encoderYFullyConnected, nf: s.encoderFilters, generator: &random)
        generatorOptimizer = Adam(generator.parameters(), learningRate: s.ganLearningRate, beta1: s.ganBeta1)
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: s.ganLearningRate, beta1: s.ganBeta1)
        encoderZOptimizer = Adam(encoderZ.parameters(), learningRate: s.encoderLearningRate, beta1: s.encoderBeta1)
        encoderYOptimizer = Adam(encoderY.parameters(), learningRate: s.encoderLearningRate, beta1: s.encoderBeta1)
    }

    public var checkpointModules: [(name: String, module: Module)] {
        [("G", generator), ("D", discriminator), ("E_z", encoderZ), ("E_y", encoderY)]
    }

    public var optimizers: [(name: String, optimizer: Adam, module: Module)] {
        [("G", generatorOptimizer, generator), ("D", discriminatorOptimizer, discriminator),
         ("E_z", encoderZOptimizer, encoderZ), ("E_y", encoderYOptimizer, encoderY)]
    }

    public let lossNames = ["D/loss_real", "D/loss_wrong", "D/loss_fake", "G/loss", "E_z/loss", "E_y/loss"]

    /// {0, 1} labels → IcGAN's {−1, +1}.
    public static func signed(_ labels: Tensor) -> Tensor { labels * 2 - 1 }

    public func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        let n = batch.images.shape[0]
        let y = Self.signed(batch.labels)
        let noise = Tensor.normal([n, settings.noiseSize], generator: &random)
        let fakeLabels = DomainLabels.shuffled(y, random: &random)
        if iteration < settings.ganIterations {
            let wrong = Self.wrongLabels(y, random: &random)
            return ganStep(real: batch.images, labels: y, wrongLabels: wrong, noise: noise, fakeLabels: fakeLabels)
        }
        return encoderStep(real: batch.images, labels: y, noise: noise, fakeLabels: fakeLabels)
    }

    /// y_wrong: for each row another row's labels that differ from its own (upstream resamples until
    /// they differ); a row whose labels every other row shares keeps a random other row's.
    public static func wrongLabels(_ y: Tensor, random: inout RandomGenerator) -> Tensor {
        let (n, l) = (y.shape[0], y.shape[1]), values = y.scalars
        func row(_ r: Int) -> ArraySlice<Float> { values[(r * l)..<((r + 1) * l)] }
        let order = (0..<n).map { r -> Int in
            let candidates = (0..<n).filter { $0 != r && row($0) != row(r) }
            let pool = candidates.isEmpty ? (0..<n).filter { $0 != r } : candidates
            return pool.isEmpty ? r : pool[random.integer(below: pool.count)]
        }
        return DomainLabels.permuted(y, by: order)
    }

    /// One cGAN iteration with its draws given (`trainGAN.lua` fDx L270–330, fGx L335–360).
    public func ganStep(real x: Tensor, labels y: Tensor, wrongLabels: Tensor, noise z: Tensor, fakeLabels: Tensor) -> [String: Float] {
        let (G, D) = (generator, discriminator)
        let fake = G(noise: z, labels: fakeLabels)
        let lossReal = AdversarialLoss.binaryCrossEntropy(logits: D(x, labels: y), real: true)
        let lossWrong = AdversarialLoss.binaryCrossEntropy(logits: D(x, labels: wrongLabels), real: false) * 0.5
        let lossFake = AdversarialLoss.binaryCrossEntropy(logits: D(fake.detached(), labels: fakeLabels), real: false) * 0.5
        discriminatorOptimizer.update(gradients: gradients(of: lossReal + lossWrong + lossFake, wrt: D.parameters().map(\.value)))
        let lossG = AdversarialLoss.binaryCrossEntropy(logits: D(fake, labels: fakeLabels), real: true)
        generatorOptimizer.update(gradients: gradients(of: lossG, wrt: G.parameters().map(\.value)))
        return ["D/loss_real": lossReal.scalar, "D/loss_wrong": lossWrong.scalar, "D/loss_fake": lossFake.scalar, "G/loss": lossG.scalar]
    }

    /// One encoder iteration: E_z on a generated batch, E_y on the real one (MSE each).
    public func encoderStep(real x: Tensor, labels y: Tensor, noise z: Tensor, fakeLabels: Tensor) -> [String: Float] {
        if generator.isTraining { generator.eval() }   // frozen: running BN statistics from here on
        let generated = withoutGradients { generator(noise: z, labels: fakeLabels) }
        let lossZ = mseLoss(encoderZ(generated), z)
        encoderZOptimizer.update(gradients: gradients(of: lossZ, wrt: encoderZ.parameters().map(\.value)))
        let lossY = mseLoss(encoderY(x), y)
        encoderYOptimizer.update(gradients: gradients(of: lossY, wrt: encoderY.parameters().map(\.value)))
        return ["E_z/loss": lossZ.scalar, "E_y/loss": lossY.scalar]
    }

    public func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor {
        let side = images.shape[2]
        let modes = [generator, encoderZ, encoderY].map(\.isTraining)
        for m in [generator, encoderZ, encoderY] as [Module] { m.eval() }
        defer { for (m, on) in zip([generator, encoderZ, encoderY] as [Module], modes) { m.train(on) } }
        return withoutGradients {
            let x = side == 64 ? images : resizeBilinear(images, height: 64, width: 64)
            let z = encoderZ(x)
            let estimated = encoderY(x).scalars.map { $0 >= 0 ? Float(1) : -1 }
            let (source, target) = (sourceLabels.scalars, Self.signed(targetLabels).scalars)
            let edited = zip(estimated.indices, estimated).map { i, value in source[i] * 2 - 1 != target[i] ? target[i] : value }
            let out = generator(noise: z, labels: Tensor(shape: targetLabels.shape, scalars: edited))
            return side == 64 ? out : resizeBilinear(out, height: side, width: side)
        }
    }
}
