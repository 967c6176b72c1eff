import Datasets
import NN
import TensorCore

/// How a Light CNN evaluator is trained on a dataset's training identities: softmax cross-entropy over
/// the identities (upstream `train.py`), Adam. Upstream trains for days with SGD (lr 0.01, momentum
/// 0.9) on 80k identities; a schedule of a few minutes on ~200 identities converges far more reliably
/// with Adam, so that is the recipe here (docs/evaluators.md). Plain data: part of the evaluator's hash.
public struct LightCNNTrainingConfiguration: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float

    public init(epochs: Int = 4, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999) {
        self.epochs = epochs
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
    }
}

/// Supervised identity training of a Light CNN on batches from a `BatchLoader` (RGB in [−1, 1], turned
/// into the network's gray [0, 1] input by `LightCNNInput.gray`); seeded order: same seed, same weights.
public enum LightCNNTraining {
    /// Trains in place; returns the mean loss of each epoch. `batchDone` after every batch,
    /// `progress(epoch, meanLoss)` after each epoch. `identities` maps every sample's identity to its class.
    @discardableResult
    public static func train(_ model: any LightCNN, on loader: BatchLoader, identities: [String: Int],
                             configuration c: LightCNNTrainingConfiguration, batchDone: (() -> Void)? = nil,
                             progress: ((Int, Float) -> Void)? = nil) throws -> [Float] {
        guard loader.configuration.imageSize == model.inputSize else {
            throw EvaluatorError.invalidInput("the loader makes \(loader.configuration.imageSize)² images, the Light CNN expects \(model.inputSize)²")
        }
        if let unknown = loader.samples.first(where: { identities[$0.identity] == nil }) {
            throw EvaluatorError.invalidInput("\(unknown.image.path): identity \"\(unknown.identity)\" has no class")
        }
        let parameters = model.parameters()
        let adam = Adam(parameters, learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2)
        return try EpochLoop.run(model, loader: loader, epochs: c.epochs, batchDone: batchDone, progress: progress) { batch in
            let classes = batch.sampleIndices.map { identities[loader.samples[$0].identity]! }
            let loss = crossEntropy(model.logitsAndFeature(LightCNNInput.gray(fromSigned: batch.images)).logits, labels: classes)
            adam.update(gradients: gradients(of: loss, wrt: parameters.map(\.value)))
            return loss.scalar
        }
    }

    /// Fraction of the loader's samples whose arg-max class is their identity's.
    public static func accuracy(of model: any LightCNN, on loader: BatchLoader, identities: [String: Int]) throws -> Double {
        model.eval()
        var correct = 0, total = 0
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let logits = withoutGradients { model.logitsAndFeature(LightCNNInput.gray(fromSigned: batch.images)).logits }
            let classes = logits.shape[1], values = logits.scalars
            for (row, index) in batch.sampleIndices.enumerated() {
                let slice = values[(row * classes)..<((row + 1) * classes)]
                let best = slice.indices.max { slice[$0] < slice[$1] }! - row * classes
                if best == identities[loader.samples[index].identity] { correct += 1 }
                total += 1
            }
        }
        guard total > 0 else { throw EvaluatorError.invalidInput("no images to measure the Light CNN on") }
        return Double(correct) / Double(total)
    }
}

/// The Light CNN input of RGB faces: the unweighted channel mean on [0, 1] pixels, as FFWM feeds its
/// frontalised outputs (`torch.mean(img, dim=1)`, evaluators.md §3.3), resized bilinearly to the
/// network's side when needed.
public enum LightCNNInput {
    /// Gray [N, 1, H, W] in [0, 1] from RGB [N, 3, H, W] in [−1, 1] (the loaders' range).
    public static func gray(fromSigned rgb: Tensor) -> Tensor {
        gray(fromUnit: rgb.scaled(by: 0.5).shifted(by: 0.5))
    }

    /// Gray [N, 1, H, W] from RGB [N, 3, H, W] in [0, 1].
    public static func gray(fromUnit rgb: Tensor) -> Tensor {
        precondition(rgb.rank == 4 && rgb.shape[1] == 3, "expects RGB [N, 3, H, W], got \(rgb.shape)")
        return rgb.mean(axes: [1], keepingDims: true)
    }

    /// `gray` resized to `side` (bilinear, PyTorch `align_corners=False`) when it is not already that size.
    public static func prepared(unitRGB rgb: Tensor, side: Int) -> Tensor {
        let g = gray(fromUnit: rgb)
        return g.shape[2] == side && g.shape[3] == side ? g : resizeBilinear(g, height: side, width: side)
    }
}
