import Datasets
import NN
import TensorCore

/// How the FD-SynthFaces network is trained: softmax cross-entropy over the training identities plus
/// sigmoid cross-entropy over the domain attributes (weighted), Adam. Plain data: it is part of the
/// extractor's identity (its hash names the feature space).
public struct FaceFeatureTrainingConfiguration: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var attributeWeight: Float

    public init(epochs: Int = 8, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                attributeWeight: Float = 1) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.attributeWeight = attributeWeight
    }
}

/// Supervised training of a `SynthFacesFeatureNet` on batches from a `BatchLoader` whose samples carry
/// identities (seeded order: the same seed gives the same weights).
public enum FaceFeatureTraining {
    /// Class index of every identity of `samples`, in sorted order of the identity strings.
    public static func identityIndex(of samples: [LabelledImage]) throws -> [String: Int] {
        let names = Set(samples.map(\.identity))
        guard !names.contains("") else {
            throw EvaluatorError.invalidInput("some training images have no identity (the dataset needs identities.txt)")
        }
        return Dictionary(uniqueKeysWithValues: names.sorted().enumerated().map { ($1, $0) })
    }

    /// Trains in place; returns the mean loss of each epoch. `progress(epoch, meanLoss)` after each.
    @discardableResult
    public static func train(_ model: SynthFacesFeatureNet, on loader: BatchLoader,
                             configuration c: FaceFeatureTrainingConfiguration,
                             progress: ((Int, Float) -> Void)? = nil) throws -> [Float] {
        let identities = try identityIndex(of: loader.samples)
        guard identities.count == model.identityHead.weight.shape[0] else {
            throw EvaluatorError.invalidInput("the loader's samples have \(identities.count) identities, the network \(model.identityHead.weight.shape[0]) outputs")
        }
        guard loader.samples[0].labels.count == model.attributeHead.weight.shape[0] else {
            throw EvaluatorError.invalidInput("the loader's samples carry \(loader.samples[0].labels.count) labels, the network has \(model.attributeHead.weight.shape[0]) attribute outputs")
        }
        guard loader.configuration.imageSize == model.imageSize else {
            throw EvaluatorError.invalidInput("the loader makes \(loader.configuration.imageSize)² images, the network expects \(model.imageSize)²")
        }
        let parameters = model.parameters()
        let adam = Adam(parameters, learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2)
        return try EpochLoop.run(model, loader: loader, epochs: c.epochs, progress: progress) { batch in
            let classes = batch.sampleIndices.map { identities[loader.samples[$0].identity]! }
            let (identity, attributes) = model.heads(batch.images)
            let loss = crossEntropy(identity, labels: classes)
                + bceWithLogits(attributes, targets: batch.labels).scaled(by: c.attributeWeight)
            adam.update(gradients: gradients(of: loss, wrt: parameters.map(\.value)))
            return loss.scalar
        }
    }

    /// Fraction of samples whose attribute prediction (logit > 0) equals the label, per attribute.
    public static func attributeAccuracy(of model: SynthFacesFeatureNet, on loader: BatchLoader) throws -> [Double] {
        let count = model.attributeHead.weight.shape[0]
        var correct = [Int](repeating: 0, count: count), total = 0
        model.eval()
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let logits = withoutGradients { model.heads(batch.images).attributes }.scalars
            let labels = batch.labels.scalars
            for i in logits.indices where (logits[i] > 0) == (labels[i] > 0.5) { correct[i % count] += 1 }
            total += batch.images.shape[0]
        }
        guard total > 0 else { throw EvaluatorError.invalidInput("no images to measure the network on") }
        return correct.map { Double($0) / Double(total) }
    }
}
