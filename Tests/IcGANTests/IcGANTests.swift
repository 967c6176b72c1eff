import Datasets
import Foundation
import IcGAN
import NN
import TensorCore
import TestSupport
import Testing
import Training

@Suite struct IcGANTests {
    /// Names of conv/linear biases directly followed by a batch norm, found by walking the Sequentials
    /// (the same rule as CycleGANTests' for instance norm).
    static func biasesBeforeBatchNorm(_ module: Module) -> [String] {
        ParityFixtures.biasesBeforeNormalization(module) { $0 is BatchNorm2d }
    }

    /// Step parity with PyTorch (`tools/make_training_fixtures.py`, `icgan_steps`): two cGAN iterations
    /// and one encoder iteration (G frozen, in evaluation mode) from the same weights, images, labels,
    /// wrong and fake labels and noise give the same losses, weights and BN statistics.
    @Test func ganAndEncoderIterationsMatchPyTorch() throws {
        let file = try Fixtures.load("training/icgan_steps")
        let settings = IcGANSettings(noiseSize: 8, generatorFilters: 4, discriminatorFilters: 4, encoderFilters: 4,
                                     encoderZFullyConnected: 16, encoderYFullyConnected: 8, ganIterations: 2,
                                     ganLearningRate: 1e-3, encoderLearningRate: 1e-3)
        let method = IcGAN(settings: settings, context: MethodContext(domains: .bilganCelebAHQ, imageSize: 64, seed: 0))
        for (name, module) in method.checkpointModules {
            try module.loadStateDict(ParityFixtures.section(file, name + "0."), source: name + "0")
        }
        for i in 0..<3 {
            let t = { (name: String) in file.tensors["it\(i).\(name)"]! }
            let losses = i < 2
                ? method.ganStep(real: t("x"), labels: t("y"), wrongLabels: t("y_wrong"), noise: t("z"), fakeLabels: t("y_fake"))
                : method.encoderStep(real: t("x"), labels: t("y"), noise: t("z"), fakeLabels: t("y_fake"))
            let expected = method.lossNames.filter { file.tensors["it\(i).\($0)"] != nil }
            #expect(Set(losses.keys) == Set(expected) && !expected.isEmpty, "iteration \(i)")
            for name in expected {
                // E_z sees G in evaluation mode, where the noise-driven biases before G's batch norms
                // (below) no longer cancel: its loss is held to 1e-3.
                let reference = t(name).scalars[0], ours = losses[name]!, rtol: Float = name == "E_z/loss" ? 1e-3 : 1e-4
                #expect(abs(ours - reference) <= 1e-5 + rtol * abs(reference), "iteration \(i) \(name): ours \(ours), PyTorch \(reference)")
            }
        }
        // A bias right before a training-mode batch norm has an analytically zero gradient; Adam turns
        // its rounding noise into ±lr steps of arbitrary sign (StepParity). The noise also reaches that
        // norm's running mean, and E_z, whose inputs come from G in evaluation mode (where the biases no
        // longer cancel). Those are held to 2 × 2 steps; every other element as for StarGAN.
        var parity = StepParity(atol: 2e-5, learningRate: 1e-3, maxSteps: 2)
        var noise = StepParity(atol: 2e-5, learningRate: 1e-3, maxSteps: 4)
        for (name, module) in method.checkpointModules {
            let reference = ParityFixtures.section(file, name + "3.")
            let biases = Self.biasesBeforeBatchNorm(module)
            let noiseOnly = Set(biases + biases.map { key in
                let parts = key.split(separator: ".")
                return (parts.dropLast(2) + ["\(Int(parts[parts.count - 2])! + 1)", "running_mean"]).joined(separator: ".")
            })
            for (key, value) in module.stateDict() {
                guard let expected = reference[key] else { Issue.record("fixture lacks \(name)3.\(key)"); continue }
                if name == "E_z" || noiseOnly.contains(key) { noise.compare(name + "." + key, ours: value, reference: expected) }
                else { parity.compare(name + "." + key, ours: value, reference: expected) }
            }
        }
        #expect(noise.elements > 0 && noise.failures.isEmpty, "\(noise.summary)")
        #expect(parity.failures.isEmpty && parity.outlierFraction <= 1e-3, "\(parity.summary)")
        print("IcGAN parity: \(parity.summary); noise-only biases: \(noise.summary)")
    }

    /// Parameter counts at the published shapes (`baselines.md` §7: ≈3.73M, ≈2.80M, ≈18.3M, ≈3.19M with 18 attributes).
    @Test func publishedNetworksHaveUpstreamParameterCounts() {
        var random = RandomGenerator(seed: 0)
        let g = IcGANGenerator(noiseSize: 100, labelCount: 18, ngf: 64, generator: &random)
        let d = IcGANDiscriminator(labelCount: 18, ndf: 64, generator: &random)
        let ez = IcGANEncoder(outputs: 100, fullyConnected: 4096, generator: &random)
        let ey = IcGANEncoder(outputs: 18, fullyConnected: 512, generator: &random)
        let counts = [g, d, ez, ey].map(\.parameterCount)
        print("IcGAN parameter counts: \(counts)")
        for (count, published) in zip(counts, [3.73e6, 2.80e6, 18.3e6, 3.19e6]) {
            #expect(abs(Double(count) - published) / published < 0.01, "\(count) vs ≈\(published)")
        }
        let x = withoutGradients { g(noise: Tensor.zeros([2, 100]), labels: Tensor.zeros([2, 18])) }
        #expect(x.shape == [2, 3, 64, 64])
        #expect(withoutGradients { d(x, labels: Tensor.zeros([2, 18])) }.shape == [2])
    }

    /// y_wrong differs from each row's own labels whenever another row's do.
    @Test func wrongLabelsDifferFromTheRowsOwn() {
        let y = Tensor(shape: [4, 2], scalars: [1, 1, 1, 1, -1, 1, 1, -1])
        var random = RandomGenerator(seed: 8)
        for _ in 0..<20 {
            let wrong: [Float] = IcGAN.wrongLabels(y, random: &random).scalars
            let own: [Float] = y.scalars
            for r in 0..<4 {
                let a: [Float] = Array(wrong[(2 * r)..<(2 * r + 2)]), b: [Float] = Array(own[(2 * r)..<(2 * r + 2)])
                #expect(a != b, "row \(r)")
            }
        }
    }

    /// Translation: an edit sets only the changed columns; the output has the input's size.
    @Test func translateKeepsTheInputSize() {
        let settings = IcGANSettings(noiseSize: 8, generatorFilters: 4, discriminatorFilters: 4, encoderFilters: 4,
                                     encoderZFullyConnected: 16, encoderYFullyConnected: 8, ganIterations: 1)
        let method = IcGAN(settings: settings, context: MethodContext(domains: .bilganCelebAHQ, imageSize: 64, seed: 1))
        var random = RandomGenerator(seed: 2)
        let x = Tensor.uniform([2, 3, 32, 32], low: -1, high: 1, generator: &random)
        let labels = Tensor(shape: [2, 5], scalars: [1, 0, 0, 0, 1, 0, 1, 0, 1, 0])
        let out = method.translate(x, sourceLabels: labels, targetLabels: labels)
        #expect(out.shape == [2, 3, 32, 32])
        #expect(out.scalars.allSatisfy { $0.isFinite && abs($0) <= 1 })
        #expect(method.generator.isTraining)   // modes restored
    }
}
