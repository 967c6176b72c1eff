import Datasets
import EvaluationMetrics
import Evaluators
import Foundation
import ResultsStore
import SynthFaces
import TensorCore

/// The two evaluators Table 2 needs on a dataset, trained on its training split (or reused by hash):
/// the FD-SynthFaces feature network and the §7 attribute classifier, each with its own measured
/// accuracy on the real test images.
public struct TrainedEvaluators {
    public let featureNetwork: SynthFacesFeatureNet
    public let featureEntry: EvaluatorRegistry.Entry
    public let classifier: AttributeClassifier
    public let classifierEntry: EvaluatorRegistry.Entry
    /// The classifier's accuracy per attribute on the real test split (stored next to CLAS error).
    public let classifierTestAccuracy: [Double]

    /// Metric name of an evaluator's own accuracy on the real test images (breakdown per attribute).
    public static let testAccuracyMetric = "evaluator_test_accuracy"

    struct FeatureNetworkConfig: Codable {
        var evaluator = "FD-SynthFaces"
        var dataset: String
        var datasetFingerprint: String
        var rendererVersion: Int?
        var seed: UInt64
        var batchSize: Int
        var network: EvaluatorSettings.FeatureNetwork
        var identities: Int
    }

    struct ClassifierConfig: Codable {
        var evaluator = "attribute-classifier"
        var dataset: String
        var datasetFingerprint: String
        var rendererVersion: Int?
        var seed: UInt64
        var batchSize: Int
        var attributes: [String]
        var classifier: EvaluatorSettings.Classifier
    }

    public static func obtain(data: EvaluationData, settings s: EvaluatorSettings, registry: EvaluatorRegistry,
                              showProgress: Bool) throws -> TrainedEvaluators {
        let identities = try FaceFeatureTraining.identityIndex(of: data.train).count
        let attributes = data.attributeNames.count
        let f = s.featureNetwork
        var g = RandomGenerator(seed: s.seed)
        let network = SynthFacesFeatureNet(identities: identities, attributes: attributes, imageSize: f.imageSize,
                                           width: f.width, featureCount: f.featureCount, generator: &g)
        let featureConfig = FeatureNetworkConfig(dataset: data.dataset.rawValue, datasetFingerprint: data.fingerprint,
                                                 rendererVersion: data.rendererVersion, seed: s.seed, batchSize: s.batchSize,
                                                 network: f, identities: identities)
        let featureEntry = try registry.obtain(name: "fd-synthfaces", dataset: data.dataset.rawValue, seed: s.seed,
                                               config: featureConfig) { folder in
            let loader = try BatchLoader(samples: data.train, configuration: BatchConfiguration(
                batchSize: s.batchSize, imageSize: f.imageSize, flip: true, shuffle: true, dropLast: true, seed: s.seed))
            let bar = ProgressBar(total: f.training.epochs, label: "FD-SynthFaces network (epochs)", enabled: showProgress)
            try FaceFeatureTraining.train(network, on: loader, configuration: f.training) { _, _ in bar.advance() }
            try network.save(to: folder.appendingPathComponent("weights.safetensors"))
            let test = try BatchLoader(samples: data.test, configuration: .evaluation(batchSize: s.batchSize, imageSize: f.imageSize))
            return [accuracyMetric(try FaceFeatureTraining.attributeAccuracy(of: network, on: test), data: data,
                                   protocolName: "attribute-head/test-split")]
        }
        try network.load(from: featureEntry.weights)
        network.eval()
        network.protocolName = "\(SynthFacesFeatureNet.protocolPrefix)/\(featureEntry.hash.prefix(12))"

        let c = s.attributeClassifier
        var h = RandomGenerator(seed: s.seed &+ 1)
        let classifier = AttributeClassifier(attributes: attributes, imageSize: c.imageSize, dim: c.dim, generator: &h)
        let classifierConfig = ClassifierConfig(dataset: data.dataset.rawValue, datasetFingerprint: data.fingerprint,
                                                rendererVersion: data.rendererVersion, seed: s.seed, batchSize: s.batchSize,
                                                attributes: data.attributeNames, classifier: c)
        let classifierEntry = try registry.obtain(name: "attribute-classifier", dataset: data.dataset.rawValue, seed: s.seed,
                                                  config: classifierConfig) { folder in
            let loader = try BatchLoader(samples: data.train, configuration: BatchConfiguration(
                batchSize: s.batchSize, imageSize: c.imageSize, flip: true, shuffle: true, dropLast: true, seed: s.seed))
            let bar = ProgressBar(total: c.training.epochs, label: "attribute classifier (epochs)", enabled: showProgress)
            try AttributeClassifierTraining.train(classifier, on: loader, configuration: c.training) { _, _ in bar.advance() }
            try classifier.save(to: folder.appendingPathComponent("weights.safetensors"))
            let test = try BatchLoader(samples: data.test, configuration: .evaluation(batchSize: s.batchSize, imageSize: c.imageSize))
            return [accuracyMetric(try AttributeClassifierTraining.accuracy(of: classifier, on: test), data: data,
                                   protocolName: "attribute-classifier/test-split")]
        }
        try classifier.load(from: classifierEntry.weights)
        classifier.eval()
        guard let stored = classifierEntry.metrics.first(where: { $0.name == testAccuracyMetric }),
              let breakdown = try stored.breakdown() else {
            throw EvaluatorError.invalidInput("attribute classifier run \(classifierEntry.runId) has no stored test accuracy")
        }
        let accuracy = data.attributeNames.map { breakdown[$0]?.value ?? .nan }
        return TrainedEvaluators(featureNetwork: network, featureEntry: featureEntry, classifier: classifier,
                                 classifierEntry: classifierEntry, classifierTestAccuracy: accuracy)
    }

    static func accuracyMetric(_ perAttribute: [Double], data: EvaluationData, protocolName: String) -> MetricValue {
        let breakdown = Dictionary(uniqueKeysWithValues: zip(data.attributeNames, perAttribute).map {
            ($0, BreakdownEntry(value: $1, sampleCount: data.test.count))
        })
        return MetricValue(name: testAccuracyMetric, value: perAttribute.reduce(0, +) / Double(perAttribute.count),
                           sampleCount: data.test.count, protocolName: protocolName, breakdown: breakdown)
    }
}
