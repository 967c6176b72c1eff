import NN
import Networks
import TensorCore

/// One StarGAN training iteration as `yunjey/stargan` solver.py runs it: a discriminator step
/// (adversarial + classification + WGAN-GP with λ_gp = 10) and a generator step (adversarial +
/// classification + reconstruction with λ_rec = 10), Adam(1e-4, 0.5, 0.999) on both.
final class StarGANIteration {
    let generator: StarGANGenerator
    let discriminator: StarGANDiscriminator
    let generatorOptimizer: Adam
    let discriminatorOptimizer: Adam
    var random: RandomGenerator

    init(imageSize: Int, labelCount: Int = 5, seed: UInt64) {
        var rng = RandomGenerator(seed: seed, stream: 1)
        generator = StarGANGenerator(labelCount: labelCount, generator: &rng)
        discriminator = StarGANDiscriminator(imageSize: imageSize, labelCount: labelCount, generator: &rng)
        generatorOptimizer = Adam(generator.parameters(), learningRate: 1e-4, beta1: 0.5, beta2: 0.999)
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: 1e-4, beta1: 0.5, beta2: 0.999)
        random = RandomGenerator(seed: seed, stream: 2)
    }

    /// Returns (D loss, G loss).
    @discardableResult
    func run(real x: Tensor, originalLabels cOrg: Tensor, targetLabels cTrg: Tensor) -> (Float, Float) {
        let n = Float(x.shape[0])
        let D = discriminator, G = generator

        // Discriminator step.
        let (srcReal, clsReal) = D(x)
        let dLossReal = -srcReal.mean()
        let dLossCls = bceWithLogits(clsReal, targets: cOrg, reduction: .sum) / n
        let fake = withoutGradients { G(x, labels: cTrg) }
        let dLossFake = D(fake).source.mean()
        let alpha = Tensor.uniform([x.shape[0], 1, 1, 1], generator: &random)
        let xHat = (alpha * x + (1 - alpha) * fake).requiringGradient()
        let srcHat = D(xHat).source
        let dydx = gradient(of: srcHat, wrt: xHat, createGraph: true)
        let penalty = (dydx.reshaped([x.shape[0], -1]).l2Norm(axes: [1]) - 1).squared().mean()
        let dLoss = dLossReal + dLossFake + dLossCls + 10 * penalty
        discriminatorOptimizer.update(gradients: gradients(of: dLoss, wrt: D.parameters().map(\.value)))

        // Generator step.
        let xFake = G(x, labels: cTrg)
        let (src, cls) = D(xFake)
        let gLossFake = -src.mean()
        let gLossCls = bceWithLogits(cls, targets: cTrg, reduction: .sum) / n
        let gLossRec = l1Loss(x, G(xFake, labels: cOrg))
        let gLoss = gLossFake + 10 * gLossRec + gLossCls
        generatorOptimizer.update(gradients: gradients(of: gLoss, wrt: G.parameters().map(\.value)))
        return (dLoss.scalar, gLoss.scalar)
    }
}
