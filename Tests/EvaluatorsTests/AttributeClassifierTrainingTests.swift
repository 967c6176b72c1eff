import Datasets
import Foundation
import NN
import SynthFaces
import Testing
import TensorCore
import Evaluators

/// A small SynthFaces CelebA-HQ-like set, rendered once per test run (64², 48 images, 8 held out).
enum TinyCelebAHQ {
    static let configuration = GenerationConfiguration(
        seed: 11,
        celebAHQ: .init(count: 48, size: 64, imagesPerIdentity: 2, testCount: 8),
        rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
        multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]),
        writeUVFields: false)

    static let base: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evaluators-celebahq-\(UUID().uuidString)")
        try! SynthFacesGenerator(configuration: configuration, root: root).generate(sets: [.celebahq], threads: 2, showProgress: false)
        return root.appendingPathComponent("celebahq")
    }()

    static func split(_ name: String) throws -> [LabelledImage] {
        let samples = try CelebADataset.open(base).samples(domains: .bilganCelebAHQ)
        return try SplitFile.select(samples, root: base, listedIn: base.appendingPathComponent("\(name).txt"))
    }
}

@Suite struct AttributeClassifierTrainingTests {
    func trained(epochs: Int) throws -> (AttributeClassifier, [Float], BatchLoader) {
        let train = try TinyCelebAHQ.split("train")
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 32, prefetch: 1, seed: 3))
        var g = RandomGenerator(seed: 8)
        let model = AttributeClassifier(attributes: 5, imageSize: 32, dim: 8, generator: &g)
        let losses = try AttributeClassifierTraining.train(model, on: loader, configuration: .init(epochs: epochs, learningRate: 3e-3))
        return (model, losses, loader)
    }

    /// The routine fits the training split (seeded batches from the CelebA loader over rendered
    /// faces), and the same seed gives the same weights.
    @Test func fitsTheTrainingSplitDeterministically() throws {
        let (model, losses, loader) = try trained(epochs: 12)
        #expect(losses.count == 12)
        #expect(losses.last! < 0.5 * losses.first!, "losses \(losses)")
        let evaluation = try BatchLoader(samples: loader.samples, configuration: .evaluation(batchSize: 16, imageSize: 32))
        let accuracy = try AttributeClassifierTraining.accuracy(of: model, on: evaluation)
        #expect(accuracy.count == 5)
        #expect(accuracy.reduce(0, +) / 5 > 0.9, "training accuracy per attribute \(accuracy)")
        let test = try BatchLoader(samples: try TinyCelebAHQ.split("test"), configuration: .evaluation(batchSize: 16, imageSize: 32))
        #expect(try AttributeClassifierTraining.accuracy(of: model, on: test).allSatisfy { (0...1).contains($0) })

        let (a, lossesA, _) = try trained(epochs: 1)
        let (b, lossesB, _) = try trained(epochs: 1)
        #expect(lossesA == lossesB)
        #expect(a.stateDict().mapValues(\.scalars) == b.stateDict().mapValues(\.scalars))
    }

    @Test func mismatchedLoaderIsRejected() throws {
        let train = try TinyCelebAHQ.split("train")
        var g = RandomGenerator(seed: 8)
        let wrongSize = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 64))
        let model = AttributeClassifier(attributes: 5, imageSize: 32, dim: 8, generator: &g)
        #expect(throws: EvaluatorError.self) {
            try AttributeClassifierTraining.train(model, on: wrongSize, configuration: .init(epochs: 1))
        }
        let wrongCount = AttributeClassifier(attributes: 3, imageSize: 64, dim: 8, generator: &g)
        #expect(throws: EvaluatorError.self) {
            try AttributeClassifierTraining.train(wrongCount, on: wrongSize, configuration: .init(epochs: 1))
        }
    }
}
