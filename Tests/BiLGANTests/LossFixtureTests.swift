import BiLGAN
import NN
import TensorCore
import Testing
import TestSupport
import Training

/// BiL-GAN's losses against PyTorch transcriptions of the same equations (tools/make_bilgan_fixtures.py),
/// the reductions the paper's definitions imply, and finite differences.
@Suite struct LossFixtureTests {
    let t: [String: Tensor]
    init() throws { t = try Fixtures.load("bilgan_losses").tensors }

    func close(_ a: Tensor, _ name: String, atol: Float = 1e-5, rtol: Float = 1e-4,
               sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = t[name]!
        let r = compareTensors(a.shape == reference.shape ? a : a.reshaped(reference.shape), reference, atol: atol, rtol: rtol)
        #expect(r.ok, "\(name): \(r.message)", sourceLocation: sourceLocation)
    }

    @Test func teacherTargetIsTheClampedPatchMean() {
        let target = InheritedAdversarialLoss.teacherTarget(t["teacher.patch"]!)
        close(target, "teacher.target")
        #expect(target.scalars[0] == 0 && target.scalars[3] == 1, "the fixture has one sample clamped at each end")
        #expect(!target.requiresGradient)
    }

    @Test func inheritedDiscriminatorLossAndGradients() {
        let real = t["d.real"]!.requiringGradient(), fake = t["d.fake"]!.requiringGradient()
        let target = InheritedAdversarialLoss.teacherTarget(t["teacher.patch"]!)
        let loss = InheritedAdversarialLoss.discriminator(real: real, fake: fake, target: target)
        close(loss, "d.loss")
        let g = gradients(of: loss, wrt: [real, fake])
        close(g[0], "d.grad_real")
        close(g[1], "d.grad_fake")
    }

    @Test func importanceWeightsAndWeightedGeneratorLoss() {
        let omega = InheritedAdversarialLoss.importanceWeights(teacherScores: t["w.scores"]!)
        close(omega, "w.omega")
        #expect(omega.scalars.min() == 1 && omega.scalars.max() == 2, "ω spans [1, 2] over the batch")
        let fake = t["g.fake"]!.requiringGradient()
        let loss = InheritedAdversarialLoss.generator(fake: fake, weights: omega)
        close(loss, "g.loss")
        close(gradient(of: loss, wrt: fake), "g.grad_fake")
    }

    @Test func allEqualScoresGiveUnitWeights() {
        let omega = InheritedAdversarialLoss.importanceWeights(teacherScores: Tensor(shape: [3], repeating: 0.4))
        #expect(omega.scalars == [1, 1, 1])
        #expect(InheritedAdversarialLoss.importanceWeights(teacherScores: Tensor(shape: [1], scalars: [0.9])).scalars == [1])
    }

    /// With t ≡ 1 the inherited D loss is LSGAN's; with ω ≡ 1 the weighted G loss is half of LSGAN's.
    @Test func reductionsToPlainLSGAN() {
        let real = t["d.real"]!, fake = t["d.fake"]!
        let inherited = InheritedAdversarialLoss.discriminator(real: real, fake: fake, target: Tensor.ones([4]))
        let plain = AdversarialLoss.leastSquares(real, real: true) + AdversarialLoss.leastSquares(fake, real: false)
        #expect(Swift.abs(inherited.scalar - plain.scalar) <= 1e-6 * plain.scalar)
        let weighted = InheritedAdversarialLoss.generator(fake: fake, weights: Tensor.ones([4]))
        #expect(Swift.abs(weighted.scalar - 0.5 * AdversarialLoss.leastSquares(fake, real: true).scalar) < 1e-7)
    }

    @Test func infoNCEMatchesPyTorchAndADirectComputation() {
        let x = t["nce.x"]!.requiringGradient(), y = t["nce.y"]!.requiringGradient()
        let scores = MutualPerceptualInformation.criticScores(inputs: x, outputs: y)
        close(scores, "nce.scores")
        let info = MutualPerceptualInformation.infoNCE(inputs: x, outputs: y)
        close(info, "nce.info")
        let g = gradients(of: info, wrt: [x, y])
        close(g[0], "nce.grad_x")
        close(g[1], "nce.grad_y")
        // Direct: mean_i [S_ii − log Σ_j exp S_ij] + log B, in Double.
        let s = scores.scalars.map(Double.init), b = 5
        var direct = 0.0
        for i in 0..<b {
            let row = s[(i * b)..<((i + 1) * b)]
            direct += s[i * b + i] - Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
        }
        direct = direct / Double(b) + Foundation.log(Double(b))
        #expect(Swift.abs(Double(info.scalar) - direct) < 1e-5)
        #expect(info.scalar <= Float(Foundation.log(Double(b))) + 1e-6, "InfoNCE is bounded by log B")

        // With a temperature τ the scores are divided by τ before the same computation.
        let tau = 0.1
        var cooled = 0.0
        for i in 0..<b {
            let row = s[(i * b)..<((i + 1) * b)].map { $0 / tau }
            cooled += s[i * b + i] / tau - Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
        }
        cooled = cooled / Double(b) + Foundation.log(Double(b))
        let sharp = MutualPerceptualInformation.infoNCE(inputs: x, outputs: y, temperature: Float(tau))
        #expect(Swift.abs(Double(sharp.scalar) - cooled) < 1e-4, "τ = 0.1: \(sharp.scalar) vs \(cooled)")
    }

    /// Identical embeddings for every sample: the critic cannot tell pairs apart, Î = 0. A perfect
    /// one-to-one match with well-separated embeddings approaches log B.
    @Test func infoNCEBounds() {
        let same = Tensor(shape: [4, 3], scalars: Array(repeating: [0.2, -0.5, 0.9], count: 4).flatMap { $0 })
        #expect(Swift.abs(MutualPerceptualInformation.infoNCE(inputs: same, outputs: same).scalar) < 1e-6)
        let basis = Tensor(shape: [3, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1]).scaled(by: 1)
        let matched = MutualPerceptualInformation.infoNCE(inputs: basis, outputs: basis).scalar
        #expect(matched > 0.5 && matched <= Float(Foundation.log(3.0)) + 1e-6)
    }

    @Test func mineDonskerVaradhanMatchesPyTorch() throws {
        var rng = RandomGenerator(seed: 0)
        let statistics = MINEStatisticsNetwork(embeddingSize: 8, hidden: 12, generator: &rng)
        var weights: [String: Tensor] = [:]
        for (name, _) in statistics.namedParameters() { weights[name] = t["mine.\(name)"]! }
        try statistics.loadStateDict(weights)
        let x = t["mine.x"]!.requiringGradient(), y = t["mine.y"]!.requiringGradient()
        let pairing = t["mine.pairing"]!.scalars.map { Int($0) }
        let dv = MINEBound.estimate(inputs: x, outputs: y, statistics: statistics, pairing: pairing)
        close(dv, "mine.dv")
        let named = statistics.namedParameters()
        let g = gradients(of: dv, wrt: [x, y] + named.map(\.1.value))
        close(g[0], "mine.grad_x")
        close(g[1], "mine.grad_y")
        for (k, (name, _)) in named.enumerated() { close(g[2 + k], "mine.grad.\(name)") }
    }

    @Test func derangementsHaveNoFixedPointAndFollowTheSeed() {
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        for n in [2, 3, 7, 16] {
            let p = MINEBound.derangement(n, random: &a)
            #expect(p == MINEBound.derangement(n, random: &b))
            #expect(Set(p) == Set(0..<n) && p.enumerated().allSatisfy { $0.offset != $0.element }, "\(p)")
        }
    }

    @Test func finiteDifferencesThroughTheNewLosses() {
        var rng = RandomGenerator(seed: 4)
        let target = Tensor(shape: [3], scalars: [0.2, 0.7, 1])
        let weights = Tensor(shape: [3], scalars: [1, 1.5, 2])
        let real = Tensor.normal([3, 1, 2, 2], generator: &rng), fake = Tensor.normal([3, 1, 2, 2], generator: &rng)
        let d = GradientCheck.firstOrder({ InheritedAdversarialLoss.discriminator(real: $0[0], fake: $0[1], target: target) }, at: [real, fake])
        #expect(d.passed, "inherited D: \(d)")
        let gl = GradientCheck.firstOrder({ InheritedAdversarialLoss.generator(fake: $0[0], weights: weights) }, at: [fake])
        #expect(gl.passed, "weighted G: \(gl)")
        let x = Tensor.normal([4, 6], generator: &rng), y = Tensor.normal([4, 6], generator: &rng)
        let nce = GradientCheck.firstOrder({ MutualPerceptualInformation.infoNCE(inputs: $0[0], outputs: $0[1]) }, at: [x, y])
        #expect(nce.passed, "InfoNCE: \(nce)")
        let statistics = MINEStatisticsNetwork(embeddingSize: 6, hidden: 8, generator: &rng)
        let mine = GradientCheck.firstOrder({ MINEBound.estimate(inputs: $0[0], outputs: $0[1], statistics: statistics, pairing: [2, 3, 1, 0]) },
                                            at: [x, y])
        #expect(mine.passed, "MINE: \(mine)")
    }
}

import Foundation
