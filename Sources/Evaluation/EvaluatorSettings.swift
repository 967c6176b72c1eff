import Evaluators
import Experiments
import Foundation

/// The `evaluators` section of a profile file: how big the evaluator networks are and how long they
/// train, and the sampling constants of KID and PRDC. Profiles are data (`style.md`): the smoke
/// profile trains tiny evaluators in seconds, the default one the measured ones of docs/evaluators.md.
public struct EvaluatorSettings: Codable, Sendable, Equatable {
    public struct FeatureNetwork: Codable, Sendable, Equatable {
        public var imageSize: Int
        public var width: Int
        public var featureCount: Int
        public var training: FaceFeatureTrainingConfiguration
    }

    public struct Classifier: Codable, Sendable, Equatable {
        public var imageSize: Int
        public var dim: Int
        public var training: AttributeClassifierTrainingConfiguration
    }

    /// Table 3's identity network (`evaluate` on Multi-PIE): a Light CNN trained on the Setting 2
    /// training subjects, or the user's converted official weights.
    public struct LightCNNEvaluator: Codable, Sendable, Equatable {
        /// `lightcnn9` or `lightcnn29v2`.
        public var architecture: LightCNNArchitecture
        /// Side of the gray input (128 upstream; a multiple of 16).
        public var imageSize: Int
        public var training: LightCNNTrainingConfiguration
        /// Converted official weights (safetensors, `tools/convert_lightcnn_weights.py`); when set, nothing is trained.
        public var weights: String?
    }

    /// Seed of the evaluators' weights and batch order (not the evaluated run's seed: every run of a
    /// table must be measured by the same evaluator).
    public var seed: UInt64
    public var batchSize: Int
    public var featureNetwork: FeatureNetwork
    public var attributeClassifier: Classifier
    public var kidSubsets: Int
    public var kidSubsetSize: Int
    public var prdcNearestK: Int
    /// Absent in profiles written before Table 3; `evaluate` on Multi-PIE then asks for it.
    public var lightCNN: LightCNNEvaluator?

    struct File: Codable { var evaluators: EvaluatorSettings? }

    /// Reads the `evaluators` section of a profile (name under `directory` or a path); errors name the
    /// file and the field at fault.
    public static func load(profile nameOrPath: String, directory: URL) throws -> EvaluatorSettings {
        let profile = try Profile.load(nameOrPath, directory: directory)
        guard let data = FileManager.default.contents(atPath: profile.url.path) else {
            throw ExperimentError("\(profile.url.path): cannot be read")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch let error as DecodingError {
            throw ExperimentError("\(profile.url.path): evaluators: \(Self.describe(error))")
        }
        guard let settings = file.evaluators else {
            throw ExperimentError("\(profile.url.path) has no \"evaluators\" section (see profiles/default.json and docs/evaluators.md)")
        }
        let problems = settings.problems()
        if !problems.isEmpty { throw ExperimentError("\(profile.url.path): evaluators: " + problems.joined(separator: "; ")) }
        return settings
    }

    public func problems() -> [String] {
        var out: [String] = []
        if batchSize < 2 { out.append("batchSize \(batchSize) must be at least 2 (batch norm)") }
        if featureNetwork.imageSize % 16 != 0 || featureNetwork.imageSize < 16 { out.append("featureNetwork.imageSize \(featureNetwork.imageSize) must be a multiple of 16") }
        if featureNetwork.width < 1 || featureNetwork.featureCount < 2 { out.append("featureNetwork.width and featureCount must be positive") }
        if attributeClassifier.imageSize % 32 != 0 || attributeClassifier.imageSize < 32 { out.append("attributeClassifier.imageSize \(attributeClassifier.imageSize) must be a multiple of 32") }
        if attributeClassifier.dim < 2 || attributeClassifier.dim % 2 != 0 { out.append("attributeClassifier.dim \(attributeClassifier.dim) must be even and at least 2") }
        if featureNetwork.training.epochs < 1 || attributeClassifier.training.epochs < 1 { out.append("training epochs must be at least 1") }
        if kidSubsets < 1 || kidSubsetSize < 2 { out.append("kidSubsets must be ≥ 1 and kidSubsetSize ≥ 2") }
        if prdcNearestK < 1 { out.append("prdcNearestK must be at least 1") }
        if let l = lightCNN {
            if l.imageSize < 16 || l.imageSize % 16 != 0 { out.append("lightCNN.imageSize \(l.imageSize) must be a positive multiple of 16") }
            if l.training.epochs < 1 { out.append("lightCNN.training.epochs must be at least 1") }
            if !(l.training.learningRate > 0) { out.append("lightCNN.training.learningRate must be positive") }
            if let w = l.weights, w.isEmpty { out.append("lightCNN.weights is empty (leave it out to train the Light CNN)") }
        }
        return out
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String { keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context): return "missing field '\(path(context.codingPath + [key]))'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
