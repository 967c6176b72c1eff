import Datasets
import Foundation
import NN
import Testing
import TensorCore
import Evaluators

@Suite struct SynthFacesFeatureNetTests {
    func trained(epochs: Int) throws -> (SynthFacesFeatureNet, [Float], BatchLoader) {
        let train = try TinyCelebAHQ.split("train")
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 32, prefetch: 1, seed: 3))
        var g = RandomGenerator(seed: 4)
        let identities = try FaceFeatureTraining.identityIndex(of: train).count
        let model = SynthFacesFeatureNet(identities: identities, attributes: 5, imageSize: 32, width: 8, featureCount: 32, generator: &g)
        let losses = try FaceFeatureTraining.train(model, on: loader, configuration: .init(epochs: epochs, learningRate: 3e-3))
        return (model, losses, loader)
    }

    /// Identity + attribute training fits the split, is reproducible from the seed, and the pooled
    /// features have the documented shape for any input size (resized to the network's).
    @Test func trainsDeterministicallyAndExtractsPooledFeatures() throws {
        let (model, losses, loader) = try trained(epochs: 10)
        #expect(losses.last! < 0.6 * losses.first!, "losses \(losses)")
        let evaluation = try BatchLoader(samples: loader.samples, configuration: .evaluation(batchSize: 16, imageSize: 32))
        let accuracy = try FaceFeatureTraining.attributeAccuracy(of: model, on: evaluation)
        #expect(accuracy.reduce(0, +) / 5 > 0.8, "training accuracy per attribute \(accuracy)")

        var g = RandomGenerator(seed: 9)
        let images = Tensor.uniform([3, 3, 48, 48], generator: &g)
        let features = model.features(images)
        #expect(features.shape == [3, 32])
        #expect(!features.requiresGradient)
        #expect(model.protocolName.hasPrefix("FD-SynthFaces"))
        // Evaluation mode: a sample's features do not depend on the rest of the batch.
        let alone = model.features(images.slice(axis: 0, 0..<1))
        #expect(zip(alone.scalars, features.scalars.prefix(32)).allSatisfy { abs($0 - $1) < 1e-4 })

        let (a, lossesA, _) = try trained(epochs: 1)
        let (b, lossesB, _) = try trained(epochs: 1)
        #expect(lossesA == lossesB)
        #expect(a.stateDict().mapValues(\.scalars) == b.stateDict().mapValues(\.scalars))
    }

    @Test func mismatchedLoaderIsRejected() throws {
        let train = try TinyCelebAHQ.split("train")
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 64))
        var g = RandomGenerator(seed: 4)
        let identities = try FaceFeatureTraining.identityIndex(of: train).count
        let wrongSize = SynthFacesFeatureNet(identities: identities, attributes: 5, imageSize: 32, width: 4, featureCount: 8, generator: &g)
        #expect(throws: EvaluatorError.self) { try FaceFeatureTraining.train(wrongSize, on: loader, configuration: .init(epochs: 1)) }
        let wrongIdentities = SynthFacesFeatureNet(identities: identities + 1, attributes: 5, imageSize: 64, width: 4, featureCount: 8, generator: &g)
        #expect(throws: EvaluatorError.self) { try FaceFeatureTraining.train(wrongIdentities, on: loader, configuration: .init(epochs: 1)) }
        let noIdentity = train.map { LabelledImage(image: $0.image, labels: $0.labels) }
        #expect(throws: EvaluatorError.self) { try FaceFeatureTraining.identityIndex(of: noIdentity) }
    }
}
