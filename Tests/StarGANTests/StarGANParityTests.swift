import Datasets
import Foundation
import NN
import StarGAN
import TensorCore
import TestSupport
import Testing
import Training

/// Step parity with PyTorch (`tools/make_training_fixtures.py`, `stargan_steps`): from the same
/// weights, batches, labels and GP α, three StarGAN iterations with n_critic = 2 (D, D + G, D) give
/// the same losses and the same weights, buffers included.
@Suite struct StarGANParityTests {
    @Test func threeIterationsMatchPyTorch() throws {
        let file = try Fixtures.load("training/stargan_steps")
        let settings = StarGANSettings(generatorConvDim: 8, discriminatorConvDim: 8, generatorResidualBlocks: 2,
                                       discriminatorRepeat: 3, criticSteps: 2, generatorLearningRate: 1e-3,
                                       discriminatorLearningRate: 1e-3)
        let method = StarGAN(settings: settings, context: MethodContext(domains: .bilganCelebAHQ, imageSize: 32, seed: 0))
        #expect(method.classificationLoss == .binaryCrossEntropy)
        try method.generator.loadStateDict(ParityFixtures.section(file, "G0."), source: "G0")
        try method.discriminator.loadStateDict(ParityFixtures.section(file, "D0."), source: "D0")
        let initial = method.generator.stateDict()

        var worstLoss: Float = 0
        for i in 0..<3 {
            let t = { (name: String) in file.tensors["it\(i).\(name)"]! }
            var losses = method.discriminatorStep(real: t("x"), labels: t("c_org"), targets: t("c_trg"), alpha: t("alpha"))
            if (i + 1) % settings.criticSteps == 0 {
                losses.merge(method.generatorStep(real: t("x"), labels: t("c_org"), targets: t("c_trg"))) { $1 }
            }
            let expectedNames = method.lossNames.filter { file.tensors["it\(i).\($0)"] != nil }
            #expect(Set(losses.keys) == Set(expectedNames), "iteration \(i)")
            for name in expectedNames {
                let reference = t(name).scalars[0], ours = losses[name]!
                let error = abs(ours - reference)
                worstLoss = max(worstLoss, error / max(abs(reference), 1e-3))
                #expect(error <= 1e-4 + 1e-4 * abs(reference), "iteration \(i) \(name): ours \(ours), PyTorch \(reference)")
            }
        }
        // Weights (and IN running statistics) after three D and one G update of lr = 1e-3: all but
        // 0.1% within 2e-5 (2% of one step), none beyond the two steps noise can flip (StepParity).
        var parity = StepParity(atol: 2e-5, learningRate: 1e-3, maxSteps: 2)
        for (prefix, module) in [("G3.", method.generator as Module), ("D3.", method.discriminator)] {
            let reference = ParityFixtures.section(file, prefix)
            for (name, value) in module.stateDict() {
                guard let expected = reference[name] else { Issue.record("fixture lacks \(prefix)\(name)"); continue }
                parity.compare(prefix + name, ours: value, reference: expected)
            }
        }
        #expect(parity.failures.isEmpty && parity.outlierFraction <= 1e-3, "\(parity.summary)")
        let worstWeight = parity.worst
        // The updates are real: weights moved by much more than the tolerance.
        let moved = compareTensors(method.generator.stateDict()["main.0.weight"]!, initial["main.0.weight"]!, atol: 0, rtol: 0)
        #expect(moved.maxError > 1e-3)
        print("StarGAN parity: worst loss relative error \(worstLoss), worst weight |Δ| \(worstWeight); \(parity.summary)")
    }
}
