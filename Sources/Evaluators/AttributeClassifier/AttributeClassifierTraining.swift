import Datasets
import NN
import TensorCore

/// The §7.1 training recipe (STGAN `att_classification/train.py`) as plain data: sigmoid
/// cross-entropy over the attributes, Adam (lr 2e-4, β1 0.9), 25 epochs of batch 64 (the batch size
/// belongs to the loader's `BatchConfiguration`), L2 weight decay 1e-4 on the convolution and
/// linear weights (slim `weights_regularizer`; batch-norm parameters and biases are not decayed).
public struct AttributeClassifierTrainingConfiguration: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var weightDecay: Float

    public init(epochs: Int = 25, learningRate: Float = 2e-4, beta1: Float = 0.9, beta2: Float = 0.999,
                weightDecay: Float = 1e-4) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.weightDecay = weightDecay
    }
}

/// Supervised training and per-attribute accuracy of an `AttributeClassifier` on batches from the
/// Datasets loaders (images in [−1, 1], labels in {0, 1}, seeded order: same seed, same weights).
public enum AttributeClassifierTraining {
    /// Trains in place; returns the mean loss of each epoch. `progress(epoch, meanLoss)` after each epoch.
    @discardableResult
    public static func train(_ model: AttributeClassifier, on loader: BatchLoader,
                             configuration c: AttributeClassifierTrainingConfiguration,
                             progress: ((Int, Float) -> Void)? = nil) throws -> [Float] {
        let labelCount = loader.samples[0].labels.count
        guard labelCount == model.attributeCount else {
            throw EvaluatorError.invalidInput("the loader's samples carry \(labelCount) labels, the classifier has \(model.attributeCount) outputs")
        }
        guard loader.configuration.imageSize == model.imageSize else {
            throw EvaluatorError.invalidInput("the loader makes \(loader.configuration.imageSize)² images, the classifier expects \(model.imageSize)²")
        }
        let named = model.namedParameters()
        let decayed = named.filter { $0.1.shape.count >= 2 }.map(\.1)
        let plain = named.filter { $0.1.shape.count < 2 }.map(\.1)
        let weights = Adam(decayed, learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2, weightDecay: c.weightDecay)
        let others = Adam(plain, learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2)
        return try EpochLoop.run(model, loader: loader, epochs: c.epochs, progress: progress) { batch in
            let loss = bceWithLogits(model(batch.images), targets: batch.labels)
            let grads = gradients(of: loss, wrt: (decayed + plain).map(\.value))
            weights.update(gradients: Array(grads[..<decayed.count]))
            others.update(gradients: Array(grads[decayed.count...]))
            return loss.scalars[0]
        }
    }

    /// Fraction of samples whose prediction (logit > 0) equals the label, per attribute, over every
    /// batch of `loader` (use `BatchConfiguration.evaluation`).
    public static func accuracy(of model: AttributeClassifier, on loader: BatchLoader) throws -> [Double] {
        var correct = [Int](repeating: 0, count: model.attributeCount), total = 0
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let predicted = model.predict(batch.images)
            let labels = batch.labels.scalars
            for (i, p) in predicted.enumerated() where p == (labels[i] > 0.5) { correct[i % model.attributeCount] += 1 }
            total += batch.images.shape[0]
        }
        guard total > 0 else { throw EvaluatorError.invalidInput("no test images to measure the classifier on") }
        return correct.map { Double($0) / Double(total) }
    }
}
