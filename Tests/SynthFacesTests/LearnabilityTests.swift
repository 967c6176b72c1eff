import Datasets
import Dispatch
import Foundation
import Imaging
import NN
import SynthFaces
import Testing
import TensorCore

/// Are the faces learnable for the right reasons? A small CNN on the tensor core learns hair
/// colour (4 classes) across identities, poses, lights and expressions, and identity (10 people)
/// across poses (±40° yaw), the 20 illuminations, the 8 expressions and 3 gazes, from 32² images,
/// well above chance on held-out images.
@Suite(.serialized) struct LearnabilityTests {
    /// Renders `scenes` at `size` on every core, as [N, 3, size, size] in [−1, 1].
    static func tensor(of scenes: [FaceScene], size: Int) -> Tensor {
        let plane = 3 * size * size
        let images = ImageBox(count: scenes.count)
        DispatchQueue.concurrentPerform(iterations: scenes.count) { k in
            images.set(k, FaceRenderer.render(scenes[k], size: size).image)
        }
        var batch = Tensor.zeros([scenes.count, 3, size, size])
        batch.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<scenes.count {
                images.get(k).writePlanes(into: UnsafeMutableBufferPointer(rebasing: buffer[(k * plane)..<((k + 1) * plane)]))
            }
        }
        return batch
    }

    static func classifier(classes: Int, seed: UInt64) -> Sequential {
        var g = RandomGenerator(seed: seed)
        return Sequential(
            Conv2d(3, 16, kernel: 3, padding: 1, generator: &g), ReLU(), MaxPool2d(kernel: 2),
            Conv2d(16, 32, kernel: 3, padding: 1, generator: &g), ReLU(), MaxPool2d(kernel: 2),
            Conv2d(32, 64, kernel: 3, padding: 1, generator: &g), ReLU(), MaxPool2d(kernel: 2),
            Flatten(), Linear(64 * 4 * 4, classes, generator: &g))
    }

    /// Renders at 32², trains on the first `trainCount` scenes and tests on the rest.
    static func accuracy(scenes: [FaceScene], labels: [Int], trainCount: Int, classes: Int, steps: Int, seed: UInt64) -> Float {
        let images = tensor(of: scenes, size: 32)
        let n = scenes.count
        return trainAndTest(train: (images.slice(axis: 0, 0..<trainCount), Array(labels[0..<trainCount])),
                            test: (images.slice(axis: 0, trainCount..<n), Array(labels[trainCount..<n])),
                            classes: classes, steps: steps, seed: seed)
    }

    /// Trains with Adam on random mini-batches; returns held-out accuracy.
    static func trainAndTest(train: (Tensor, [Int]), test: (Tensor, [Int]), classes: Int, steps: Int, seed: UInt64) -> Float {
        let model = classifier(classes: classes, seed: seed)
        let parameters = model.parameters()
        let optimiser = Adam(parameters, learningRate: 2e-3)
        var g = RandomGenerator(seed: seed, stream: 1)
        let n = train.1.count, size = train.0.shape[2], plane = 3 * size * size
        let all = train.0.scalars
        for _ in 0..<steps {
            let picks = (0..<32).map { _ in g.integer(below: n) }
            var scalars = [Float]()
            scalars.reserveCapacity(32 * plane)
            for p in picks { scalars += all[(p * plane)..<((p + 1) * plane)] }
            let x = Tensor(shape: [32, 3, size, size], scalars: scalars)
            let loss = crossEntropy(model(x), labels: picks.map { train.1[$0] })
            optimiser.update(gradients: gradients(of: loss, wrt: parameters.map(\.value)))
        }
        let logits = withoutGradients { model(test.0) }.scalars
        var correct = 0
        for (k, label) in test.1.enumerated() {
            let row = logits[(k * classes)..<((k + 1) * classes)]
            if row.firstIndex(of: row.max()!)! - k * classes == label { correct += 1 }
        }
        return Float(correct) / Float(test.1.count)
    }

    @Test func hairColourIsLearnable() {
        var g = RandomGenerator(seed: 11)
        var scenes: [FaceScene] = [], labels: [Int] = []
        for k in 0..<320 {
            var person = Identity.random(&g)
            let colour = k % 4
            person.hairColour = HairColour.allCases[colour]
            var attributes = person.usualAttributes
            attributes.smiling = g.bernoulli(0.5)
            attributes.young = g.bernoulli(0.8)
            var scene = FaceScene(identity: person, attributes: attributes, illumination: g.integer(below: 20),
                                  background: .random(&g), framing: .portrait)
            scene.headYawDegrees = g.uniform(-25, 25)
            scenes.append(scene)
            labels.append(colour)
        }
        let accuracy = Self.accuracy(scenes: scenes, labels: labels, trainCount: 240, classes: 4, steps: 150, seed: 3)
        print("learnability: hair colour accuracy \(accuracy) on 80 held-out people (chance 0.25), 150 steps of 32")
        #expect(accuracy >= 0.6)
    }

    @Test func identityIsLearnable() {
        var g = RandomGenerator(seed: 12)
        let people = (0..<10).map { _ in Identity.random(&g) }
        var scenes: [FaceScene] = [], labels: [Int] = []
        for k in 0..<300 {
            let who = k % 10
            var scene = FaceScene(identity: people[who], expression: RaFDExpression.allCases[g.integer(below: 8)],
                                  gaze: Gaze.allCases[g.integer(below: 3)], yawDegrees: g.uniform(-40, 40),
                                  illumination: g.integer(below: 20), background: .plain(g.uniform(0.3, 0.8)), framing: .face)
            scene.headPitchDegrees = g.uniform(-8, 8)
            scenes.append(scene)
            labels.append(who)
        }
        let accuracy = Self.accuracy(scenes: scenes, labels: labels, trainCount: 200, classes: 10, steps: 200, seed: 4)
        print("learnability: identity accuracy \(accuracy) on 100 held-out images of 10 people (chance 0.1), 200 steps of 32")
        #expect(accuracy >= 0.4)
    }
}

/// Results written by concurrent renders, one slot each.
final class ImageBox: @unchecked Sendable {
    private var images: [Image?]
    private let lock = NSLock()
    init(count: Int) { images = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ image: Image) { lock.lock(); images[k] = image; lock.unlock() }
    func get(_ k: Int) -> Image { lock.lock(); defer { lock.unlock() }; return images[k]! }
}
