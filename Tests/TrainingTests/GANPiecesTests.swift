import Datasets
import Foundation
import NN
import TensorCore
import TestSupport
import Testing
import Training

@Suite struct GANPiecesTests {
    /// `util/image_pool.py` by hand: the first `capacity` images are stored and returned; then a
    /// swap draw returns the stored image of the slot and stores the new one; no swap returns it as is.
    @Test func imagePoolFollowsUpstream() {
        let pool = ImagePool(capacity: 2, imageShape: [1, 1, 1])
        func batch(_ values: [Float]) -> Tensor { Tensor(shape: [values.count, 1, 1, 1], scalars: values) }
        let none = ImagePool.Draw(swap: false, slot: 0)
        #expect(pool.query(batch([1, 2]), draws: [none, none]).scalars == [1, 2])   // filling: returned as is
        #expect(pool.count == 2)
        let out = pool.query(batch([3, 4, 5]), draws: [.init(swap: true, slot: 1), none, .init(swap: true, slot: 1)])
        #expect(out.scalars == [2, 4, 3])   // 3 swaps out 2; 4 passes; 5 swaps out 3
        #expect(pool.images.value.scalars == [1, 5])
        #expect(pool.stateDict().keys.sorted() == ["images", "stored"])
        var random = RandomGenerator(seed: 3)
        let draws = pool.draws(count: 1000, random: &random)
        #expect(draws.allSatisfy { (0..<2).contains($0.slot) })
        #expect(abs(Double(draws.filter(\.swap).count) - 500) < 60)
    }

    /// StarGAN's `create_labels` on the paper's domains: hair set one-hot, makeup and age flipped.
    @Test func editTargetsSetHairAndFlipTheRest() {
        let labels = Tensor(shape: [2, 5], scalars: [1, 0, 0, 1, 1,
                                                     0, 0, 0, 0, 0])
        let targets = DomainLabels.editTargets(labels, domains: .bilganCelebAHQ).map(\.scalars)
        #expect(targets == [[1, 0, 0, 1, 1, 1, 0, 0, 0, 0],
                            [0, 1, 0, 1, 1, 0, 1, 0, 0, 0],
                            [0, 0, 1, 1, 1, 0, 0, 1, 0, 0],
                            [1, 0, 0, 0, 1, 0, 0, 0, 1, 0],
                            [1, 0, 0, 1, 0, 0, 0, 0, 0, 1]])
        #expect(DomainLabels.isOneHot(.rafdExpressions) && !DomainLabels.isOneHot(.bilganCelebAHQ))
        #expect(DomainLabels.argmax(Tensor(shape: [2, 3], scalars: [0, 0, 1, 0, 1, 0])) == [2, 1])
        #expect(DomainLabels.permuted(labels, by: [1, 0]).scalars == [0, 0, 0, 0, 0, 1, 0, 0, 1, 1])
    }

    /// The schedules at chosen iterations: linear reaches 0 at the end; upstream's code only drops by
    /// base/decaySteps per update (`baselines.md` §1.4: 200k iterations end at 9.99e-5).
    @Test(arguments: [
        (LearningRatePolicy.Kind.linear, 100, 10, [(0, 1.0), (49, 1.0), (50, 1.0), (75, 0.6), (99, 0.2)]),
        (.linear, 100, 1, [(60, 0.8), (99, 0.02)]),
        (.constant, 0, 1, [(0, 1.0), (99, 1.0)]),
    ] as [(LearningRatePolicy.Kind, Int, Int, [(Int, Double)])])
    func learningRateSchedules(kind: LearningRatePolicy.Kind, iterations: Int, updateEvery: Int, expected: [(Int, Double)]) {
        let schedule = LearningRatePolicy(kind: kind, decayStart: kind == .constant ? 0 : 50, updateEvery: updateEvery)
            .schedule(base: 1, iterations: iterations)
        for (i, rate) in expected {
            #expect(abs(Double(schedule.learningRate(atIteration: i)) - rate) < 1e-6, "\(kind) at \(i)")
        }
    }

    @Test func upstreamScheduleEndsAtNearlyTheBaseRate() {
        let schedule = LearningRatePolicy(kind: .upstream, decayStart: 100_000, updateEvery: 1_000)
            .schedule(base: 1e-4, iterations: 200_000)
        #expect(schedule.learningRate(atIteration: 100_999) == 1e-4)
        #expect(abs(schedule.learningRate(atIteration: 200_000) - 9.99e-5) < 1e-10)   // after its 100th update
    }

    /// The penalty's gradient into the critic's weights (second order: through the input gradient)
    /// against central differences of the penalty itself, in Double over a sample of components.
    @Test func gradientPenaltyDifferentiatesIntoTheCritic() {
        var random = RandomGenerator(seed: 5)
        let real = Tensor.normal([2, 2, 5, 5], generator: &random)
        let fake = Tensor.normal([2, 2, 5, 5], generator: &random)
        let alpha = GradientPenalty.interpolationWeights(count: 2, random: &random)
        let weight = Tensor.normal([3, 2, 3, 3], std: 0.5, generator: &random)
        func penalty(_ w: Tensor) -> Tensor {
            GradientPenalty.penalty(critic: { conv2d($0, weight: w, stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.2) },
                                    real: real, fake: fake, alpha: alpha)
        }
        let leaf = weight.copied().requiringGradient()
        let analytic = gradients(of: penalty(leaf), wrt: [leaf])[0].scalars
        var worst = 0.0
        for j in stride(from: 0, to: weight.count, by: 3) {
            var plus = weight.copied(), minus = weight.copied()
            plus.withUnsafeMutableBufferPointer { $0[j] += 1e-2 }
            minus.withUnsafeMutableBufferPointer { $0[j] -= 1e-2 }
            let numeric = (Double(penalty(plus).scalar) - Double(penalty(minus).scalar)) / 2e-2
            worst = max(worst, abs(numeric - Double(analytic[j])))
            #expect(abs(numeric - Double(analytic[j])) <= 2e-3 + 2e-2 * abs(numeric), "component \(j): analytic \(analytic[j]), numeric \(numeric)")
        }
        #expect(analytic.contains { abs($0) > 1e-2 })   // the check is not vacuous
    }

    /// R1 through a small patch critic against PyTorch (`tools/make_r1_fixture.py`): the input gradient
    /// of the per-sample mean score, the penalty, and its gradient into every critic weight.
    @Test func r1PenaltyMatchesPyTorch() throws {
        let t = try Fixtures.load("training/r1_penalty").tensors
        let names = ["c1.weight", "c1.bias", "c2.weight", "c2.bias", "src.weight"]
        let w = Dictionary(uniqueKeysWithValues: names.map { ($0, t["param." + $0]!.requiringGradient()) })
        func critic(_ x: Tensor) -> Tensor {
            var h = conv2d(x, weight: w["c1.weight"]!, bias: w["c1.bias"]!, stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.01)
            h = conv2d(h, weight: w["c2.weight"]!, bias: w["c2.bias"]!, stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.01)
            return conv2d(h, weight: w["src.weight"]!, padding: (1, 1))
        }
        func close(_ a: Tensor, _ b: Tensor, _ what: String, tolerance: Float = 1e-5) {
            #expect(a.shape == b.shape || a.count == b.count, "\(what): shape \(a.shape) vs \(b.shape)")
            let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) / (tolerance + abs($1)) }.max() ?? .infinity
            #expect(worst <= 1, "\(what): worst relative error \(worst * tolerance)")
        }
        let real = t["real"]!
        let x = real.requiringGradient()
        let scores = critic(x).reshaped([3, -1]).mean(axes: [1])
        close(gradient(of: scores.sum(), wrt: x), t["slope"]!, "∂s/∂x")
        let r1 = GradientPenalty.r1(critic: critic, real: real)
        close(r1.reshaped([1]), t["r1"]!, "R1")
        let grads = gradients(of: r1, wrt: names.map { w[$0]! })
        for (k, name) in names.enumerated() { close(grads[k], t["grad." + name]!, "∂R1/∂\(name)", tolerance: 1e-4) }
        #expect(r1.scalar > 0.1)   // not vacuous
    }

    /// With a linear 1×1 critic s(x) = mean over pixels of Σ_c w_c x_c, ∂s/∂x_{c,p} = w_c / P, so
    /// R1 = Σ_c w_c² / P for every input: a value by hand.
    @Test func r1OfALinearCriticIsItsWeightsSquaredOverPixels() {
        var random = RandomGenerator(seed: 3)
        let real = Tensor.normal([4, 2, 5, 5], generator: &random)
        let weight = Tensor(shape: [1, 2, 1, 1], scalars: [0.5, -2])
        let r1 = GradientPenalty.r1(critic: { conv2d($0, weight: weight) }, real: real)
        #expect(abs(r1.scalar - (0.25 + 4) / 25) < 1e-6)
    }

    @Test func adversarialLossesMatchTheirDefinitions() {
        let d = Tensor(shape: [2, 1, 1, 2], scalars: [0.5, -1, 2, 0])
        #expect(AdversarialLoss.wasserstein(d, real: true).scalar == -0.375)
        #expect(AdversarialLoss.wasserstein(d, real: false).scalar == 0.375)
        #expect(abs(AdversarialLoss.leastSquares(d, real: true).scalar - (0.25 + 4 + 1 + 1) / 4) < 1e-6)
        #expect(abs(AdversarialLoss.leastSquares(d, real: false).scalar - (0.25 + 1 + 4 + 0) / 4) < 1e-6)
        // BCE on logits z to target 1 is log(1 + e^−z).
        let logits: [Double] = [0.5, -1, 2, 0]
        let expected = logits.map { (z: Double) -> Double in Foundation.log(1 + Foundation.exp(-z)) }.reduce(0, +) / 4
        #expect(abs(Double(AdversarialLoss.binaryCrossEntropy(logits: d, real: true).scalar) - expected) < 1e-6)
    }
}
