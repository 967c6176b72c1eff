import Datasets
import Foundation
import NN
import Testing
import TensorCore
import Evaluators

/// The Light CNN evaluator's identity training (Table 3) at a scaled-down input side.
@Suite struct LightCNNTrainingTests {
    func trained(epochs: Int) throws -> (LightCNN9, [Float], BatchLoader, [String: Int]) {
        let train = try TinyCelebAHQ.split("train")
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 32, prefetch: 1, seed: 3))
        let identities = try FaceFeatureTraining.identityIndex(of: train)
        var g = RandomGenerator(seed: 5)
        let model = LightCNN9(classes: identities.count, inputSize: 32, generator: &g)
        let losses = try LightCNNTraining.train(model, on: loader, identities: identities, configuration: .init(epochs: epochs, learningRate: 1e-3))
        return (model, losses, loader, identities)
    }

    /// Softmax over identities fits the split, is reproducible from the seed, and the features are
    /// 256-d at the scaled input side.
    @Test func trainsDeterministicallyAtAScaledInputSide() throws {
        let (model, losses, loader, identities) = try trained(epochs: 8)
        #expect(losses.last! < 0.5 * losses.first!, "losses \(losses)")
        let evaluation = try BatchLoader(samples: loader.samples, configuration: .evaluation(batchSize: 16, imageSize: 32))
        let accuracy = try LightCNNTraining.accuracy(of: model, on: evaluation, identities: identities)
        #expect(accuracy > 0.5, "training accuracy \(accuracy)")
        var g = RandomGenerator(seed: 9)
        let features = model.identityFeatures(Tensor.uniform([2, 1, 32, 32], generator: &g))
        #expect(features.shape == [2, 256] && !features.requiresGradient)

        let (a, lossesA, _, _) = try trained(epochs: 1)
        let (b, lossesB, _, _) = try trained(epochs: 1)
        #expect(lossesA == lossesB)
        #expect(a.stateDict().mapValues(\.scalars) == b.stateDict().mapValues(\.scalars))
    }

    /// FFWM's gray conversion: the unweighted channel mean of [0, 1] pixels.
    @Test func grayIsTheChannelMean() {
        let rgb = Tensor(shape: [1, 3, 1, 2], scalars: [0.0, 1.0, 0.5, 1.0, 1.0, 0.0])
        #expect(LightCNNInput.gray(fromUnit: rgb).scalars == [0.5, 2.0 / 3.0])
        #expect(LightCNNInput.gray(fromSigned: rgb.scaled(by: 2).shifted(by: -1)).scalars.map { ($0 * 1e5).rounded() } == [50000, 66667])
        #expect(LightCNNInput.prepared(unitRGB: rgb, side: 4).shape == [1, 1, 4, 4])
    }

    @Test func mismatchedLoaderIsRejected() throws {
        let train = try TinyCelebAHQ.split("train")
        let identities = try FaceFeatureTraining.identityIndex(of: train)
        var g = RandomGenerator(seed: 5)
        let model = LightCNN9(classes: identities.count, inputSize: 16, generator: &g)
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 32))
        #expect(throws: EvaluatorError.self) { try LightCNNTraining.train(model, on: loader, identities: identities, configuration: .init(epochs: 1)) }
        let small = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 16))
        #expect(throws: EvaluatorError.self) { try LightCNNTraining.train(model, on: small, identities: [:], configuration: .init(epochs: 1)) }
    }
}
