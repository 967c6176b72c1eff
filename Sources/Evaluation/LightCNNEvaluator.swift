import Datasets
import Evaluators
import Experiments
import Foundation
import NN
import ResultsStore
import SynthFaces
import TensorCore

/// Table 3's identity network: a Light CNN trained on the Setting 2 training subjects of the data
/// being evaluated (stored as an evaluator run, reused by hash), or the user's converted official
/// weights (`lightCNN.weights` in the profile). Its `protocolName` goes with every rank-1 value, so
/// rows measured by different networks never share a column.
public struct LightCNNEvaluator {
    public let network: any LightCNN
    /// `lightcnn9/<hash12>` for a trained one, `lightcnn29v2/official-<sha12>` for converted weights,
    /// both under `rank1-cosine/`.
    public let protocolName: String
    public let settings: EvaluatorSettings.LightCNNEvaluator
    /// The evaluator run (nil for converted official weights, which are not trained here).
    public let entry: EvaluatorRegistry.Entry?

    public static let converterCommand = "python3 tools/convert_lightcnn_weights.py LightCNN_29Layers_V2_checkpoint.pth.tar weights/lightcnn29v2.safetensors"

    struct TrainedConfig: Codable {
        var evaluator = "lightcnn"
        var dataset = TrainingDataset.multipie.rawValue
        var datasetFingerprint: String
        var rendererVersion: Int?
        var seed: UInt64
        var batchSize: Int
        var network: EvaluatorSettings.LightCNNEvaluator
        var identities: Int
    }

    /// The evaluator `settings` asks for (profile section `evaluators.lightCNN`).
    public static func obtain(split: PoseIdentificationSplit, root: URL, settings s: EvaluatorSettings, registry: EvaluatorRegistry,
                              showProgress: Bool, say: (String) -> Void) throws -> LightCNNEvaluator {
        guard let l = s.lightCNN else {
            throw ExperimentError("the profile's \"evaluators\" section has no \"lightCNN\" entry (architecture, imageSize, training); "
                + "see profiles/default.json and docs/evaluators.md")
        }
        if let path = l.weights { return try official(path: path, settings: l, say: say) }
        let classes = split.identityClasses
        let samples = split.dataset.samples(split.train)
        let print = TrainingDataset.multipie.fingerprint(samples: samples, root: root)
        var g = RandomGenerator(seed: s.seed &+ 2)
        let network = l.architecture.make(classes: classes.count, inputSize: l.imageSize, generator: &g)
        let config = TrainedConfig(datasetFingerprint: print.hash, rendererVersion: print.rendererVersion, seed: s.seed,
                                   batchSize: s.batchSize, network: l, identities: classes.count)
        let entry = try registry.obtain(name: "lightcnn", dataset: TrainingDataset.multipie.rawValue, seed: s.seed, config: config) { folder in
            let loader = try BatchLoader(samples: samples, configuration: BatchConfiguration(
                batchSize: s.batchSize, imageSize: l.imageSize, flip: true, shuffle: true, dropLast: true, seed: s.seed))
            let bar = ProgressBar(total: l.training.epochs * loader.batchesPerEpoch, label: "Light CNN (\(l.architecture.rawValue), batches)",
                                  enabled: showProgress)
            let start = Date()
            let losses = try LightCNNTraining.train(network, on: loader, identities: classes, configuration: l.training,
                                                    batchDone: { bar.advance() })
            let seconds = Date().timeIntervalSince(start)
            try network.save(to: folder.appendingPathComponent("weights.safetensors"))
            return [MetricValue(name: "lightcnn_train_loss", value: Double(losses.last ?? .nan), sampleCount: samples.count,
                                protocolName: "lightcnn/softmax-identities",
                                breakdown: Dictionary(uniqueKeysWithValues: losses.enumerated().map {
                                    ("epoch\($0.offset + 1)", BreakdownEntry(value: Double($0.element)))
                                }).merging(["seconds": BreakdownEntry(value: seconds)]) { a, _ in a })]
        }
        try network.load(from: entry.weights)
        network.eval()
        return LightCNNEvaluator(network: network, protocolName: "rank1-cosine/\(l.architecture.rawValue)/\(entry.hash.prefix(12))",
                                 settings: l, entry: entry)
    }

    /// Converted official weights: the network upstream trained on 80k identities, loaded without its
    /// classifier (its class count is whatever the file's `fc2.weight` says).
    static func official(path: String, settings l: EvaluatorSettings.LightCNNEvaluator, say: (String) -> Void) throws -> LightCNNEvaluator {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EvaluatorError.missingWeights(path: url.path, howToMake: converterCommand)
        }
        guard l.imageSize == 128 else {
            throw ExperimentError("lightCNN.weights \(url.path): the official networks take 128² input, but lightCNN.imageSize is \(l.imageSize)")
        }
        let tensors = try SafeTensors.read(url).tensors
        guard let head = tensors["fc2.weight"], head.rank == 2 else {
            throw EvaluatorError.invalidInput("\(url.path): no fc2.weight [classes, 256]; convert the official checkpoint with \(converterCommand)")
        }
        var g = RandomGenerator(seed: 0)
        let network = l.architecture.make(classes: head.shape[0], inputSize: l.imageSize, generator: &g)
        try network.load(from: url)
        network.eval()
        let digest = SHA256.hexDigest(Array(try Data(contentsOf: url)))
        say("Light CNN: converted weights \(url.path) (\(l.architecture.rawValue), sha256 \(digest.prefix(12)))")
        return LightCNNEvaluator(network: network, protocolName: "rank1-cosine/\(l.architecture.rawValue)/official-\(digest.prefix(12))",
                                 settings: l, entry: nil)
    }

    /// 256-d features [N × 256] of RGB images [N, 3, H, W] in [0, 1] (any side: resized to the network's).
    public func features(unitRGB images: Tensor) -> [Double] {
        network.identityFeatures(LightCNNInput.prepared(unitRGB: images, side: network.inputSize)).scalars.map(Double.init)
    }
}
