import Datasets
import Foundation
import Imaging
import NN
import Testing
import TensorCore
import TestSupport
import Evaluators

/// The Light CNN evaluator's identity training (Table 3) at a scaled-down input side.
@Suite struct LightCNNTrainingTests {
    /// Four "identities" a Light CNN can tell apart within a few dozen steps: a bright square in one
    /// quadrant of a 16² image, with seeded pixel noise, six images each (no flips: a flip would swap
    /// left and right identities). (Light CNN has no batch
    /// norm; from PyTorch's default initialisation it needs hundreds of steps on real faces before the
    /// loss moves, measured the same in PyTorch, so the unit test uses an easy problem.)
    nonisolated(unsafe) static let quadrants: (folder: Scratch, samples: [LabelledImage]) = {
        let scratch = try! Scratch("lightcnn-quadrants")
        var g = RandomGenerator(seed: 17)
        var samples: [LabelledImage] = []
        for identity in 0..<4 {
            for k in 0..<6 {
                let noise = Tensor.uniform([16 * 16], generator: &g).scalars
                var pixels = [Float](repeating: 0, count: 16 * 16 * 3)
                for y in 0..<16 {
                    for x in 0..<16 {
                        let inside = (y / 8) == identity / 2 && (x / 8) == identity % 2
                        let value = (inside ? 0.7 : 0.1) + 0.3 * noise[y * 16 + x]
                        for c in 0..<3 { pixels[(y * 16 + x) * 3 + c] = value }
                    }
                }
                let url = scratch.path("\(identity)-\(k).png")
                try! PNG.write(Image(width: 16, height: 16, channels: 3, pixels: pixels), to: url)
                samples.append(LabelledImage(image: url, labels: [0], identity: "id\(identity)"))
            }
        }
        return (scratch, samples)
    }()

    func trained(epochs: Int) throws -> (LightCNN9, [Float], BatchLoader, [String: Int]) {
        let train = Self.quadrants.samples
        let loader = try BatchLoader(samples: train, configuration: BatchConfiguration(batchSize: 8, imageSize: 16, flip: false, prefetch: 1, seed: 3))
        let identities = try FaceFeatureTraining.identityIndex(of: train)
        var g = RandomGenerator(seed: 5)
        let model = LightCNN9(classes: identities.count, inputSize: 16, generator: &g)
        let losses = try LightCNNTraining.train(model, on: loader, identities: identities, configuration: .init(epochs: epochs, learningRate: 1e-3))
        return (model, losses, loader, identities)
    }

    /// Softmax over identities fits the split, is reproducible from the seed, and the features are
    /// 256-d at the scaled input side.
    @Test func trainsDeterministicallyAtAScaledInputSide() throws {
        let (model, losses, loader, identities) = try trained(epochs: 15)
        #expect(losses.last! < 0.5 * losses.first!, "losses \(losses)")
        let evaluation = try BatchLoader(samples: loader.samples, configuration: .evaluation(batchSize: 16, imageSize: 16))
        let accuracy = try LightCNNTraining.accuracy(of: model, on: evaluation, identities: identities)
        #expect(accuracy > 0.9, "training accuracy \(accuracy)")
        var g = RandomGenerator(seed: 9)
        let features = model.identityFeatures(Tensor.uniform([2, 1, 16, 16], generator: &g))
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
