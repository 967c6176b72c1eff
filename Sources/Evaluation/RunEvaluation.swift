import EvaluationMetrics
import Evaluators
import Experiments
import Foundation
import ResultsStore
import Study
import TensorCore

/// What `evaluate` is asked: which finished runs, where data, profiles and results are, and the
/// optional converted Inception weights (FID-Inception is computed only when they are given).
public struct EvaluationRequest: Sendable {
    public var method: String
    public var variant: String?
    public var dataset: TrainingDataset?
    /// Profile of the runs to evaluate (nil: any); its `evaluators` section sizes the evaluators.
    public var profile: String?
    public var seed: UInt64?
    public var runID: Int64?
    /// Overrides the dataset folder recorded in each run's configuration.
    public var dataRoot: URL?
    public var resultsRoot: URL
    /// The results database; nil is `<resultsRoot>/results.sqlite` (a sweep task gives its shard).
    public var database: URL?
    public var profilesDirectory: URL
    public var inceptionWeights: URL?
    public var batchSize = 50
    public var showProgress = true

    public init(method: String, resultsRoot: URL, profilesDirectory: URL) {
        self.method = method
        self.resultsRoot = resultsRoot
        self.profilesDirectory = profilesDirectory
    }
}

/// One evaluated run: what was done and what was skipped.
public struct RunEvaluationOutcome: Sendable {
    public let runId: Int64
    public let translationsSkipped: Bool
    public let recorded: [MetricValue]
    public let skippedMetrics: Int
    public let manifest: URL
}

/// `evaluate`'s work for every matching finished run: translate the test split (or reuse the saved
/// translations), obtain the trained evaluators (or train them once), compute Table 2's metrics, and
/// store each value with the run id and the evaluator's hash in its protocol. Metrics already stored
/// under the same protocol are skipped.
public enum RunEvaluation {
    public static func execute(_ request: EvaluationRequest, say: @escaping (String) -> Void) throws -> [RunEvaluationOutcome] {
        if let weights = request.inceptionWeights, !FileManager.default.fileExists(atPath: weights.path) {
            throw EvaluatorError.missingWeights(path: weights.path, howToMake: FIDInceptionV3.converterCommand)
        }
        if request.method == MethodKey.lightCNN { return [try PoseEvaluation.evaluateRawProbes(request, say: say)] }
        let runs = try FinishedRun.find(method: request.method, variant: request.variant, dataset: request.dataset?.rawValue,
                                        profile: request.profile, seed: request.seed, runID: request.runID,
                                        resultsRoot: request.resultsRoot, database: request.database)
        let store = try ResultsDatabase(path: (request.database ?? request.resultsRoot.appendingPathComponent("results.sqlite")).path)
        let registry = EvaluatorRegistry(resultsRoot: request.resultsRoot, store: store, say: say)
        return try runs.map { try evaluate($0, request: request, store: store, registry: registry, say: say) }
    }

    static func evaluate(_ run: FinishedRun, request: EvaluationRequest, store: ResultsDatabase, registry: EvaluatorRegistry,
                         say: (String) -> Void) throws -> RunEvaluationOutcome {
        guard let dataset = run.dataset else { throw ExperimentError("run \(run.id): unknown dataset \(run.config.dataset)") }
        if let asked = request.dataset, asked != dataset {
            throw ExperimentError("run \(run.id) was trained on \(dataset.rawValue), not \(asked.rawValue)")
        }
        if dataset == .multipie { return try PoseEvaluation.evaluate(run, request: request, store: store, registry: registry, say: say) }
        let root = request.dataRoot ?? URL(fileURLWithPath: run.config.datasetPath)
        let data = try EvaluationData(dataset: dataset, root: root)
        guard data.fingerprint == run.config.datasetFingerprint else {
            throw ExperimentError("run \(run.id) was trained on another \(dataset.rawValue) set than \(dataset.folder(in: root).path) "
                + "(training-split fingerprint \(run.config.datasetFingerprint.prefix(12)) vs \(data.fingerprint.prefix(12))); "
                + "pass --data-root with the folder it was trained on (\(run.config.datasetPath))")
        }
        let settings = try EvaluatorSettings.load(profile: request.profile ?? run.config.profile, directory: request.profilesDirectory)
        let side = run.config.training.imageSize
        say("run \(run.id) \(run.folder.lastPathComponent): \(data.test.count) test faces × \(EditPlan.editsPerFace) edits at \(side)²")

        let manifestURL = TranslationSet.folder(of: run).appendingPathComponent(TranslationManifest.fileName)
        let expected = data.test.count * EditPlan.editsPerFace
        var translationsSkipped = true
        let manifest: TranslationManifest
        if let kept = TranslationSet.existing(for: run, expectedItems: expected) {
            say("translations already in \(manifestURL.deletingLastPathComponent().path)")
            manifest = kept
        } else {
            let loaded = try run.loadMethod()
            say("loaded \(loaded.checkpoint.lastPathComponent) (iteration \(loaded.iteration))")
            manifest = try TranslationSet.produce(run: run, method: loaded.method, data: data, batchSize: request.batchSize,
                                                  groundTruthCache: request.resultsRoot.appendingPathComponent("evaluators/ground-truth"),
                                                  showProgress: request.showProgress)
            translationsSkipped = false
        }

        let evaluators = try TrainedEvaluators.obtain(data: data, settings: settings, registry: registry,
                                                      showProgress: request.showProgress)
        let real = try RealFeatures.obtain(evaluators: evaluators, data: data, side: side, batchSize: request.batchSize,
                                           showProgress: request.showProgress)
        if let floor = try RealFeatures.recordFloor(evaluators: evaluators, data: data, real: real, side: side,
                                                    batchSize: request.batchSize, store: store) {
            say(String(format: "FD-SynthFaces floor (real test vs real training images at %d²): %.4f", side, floor))
        }
        let suite = MetricSuite(evaluators: evaluators, settings: settings, data: data, realFeatures: real)
        let hasTruth = manifest.items.allSatisfy { $0.groundTruthImage != nil }
        if !hasTruth {
            say("no ground truth: \(root.appendingPathComponent("synthfaces.json").path) is missing (not a finished SynthFaces set), "
                + "so gt_ms_ssim and gt_l1 are not computed")
        }
        let planned = try suite.plannedMetrics(side: side, hasGroundTruth: hasTruth)
        let missing = try planned.filter { !(try store.hasMetric(run: run.id, name: $0.name, protocolName: $0.protocolName)) }
        var recorded: [MetricValue] = []
        if missing.isEmpty {
            say("run \(run.id): all \(planned.count) metrics already stored")
        } else {
            let all = try suite.compute(manifest: manifest, manifestURL: manifestURL, side: side)
            recorded = all.filter { metric in missing.contains { $0.name == metric.name && $0.protocolName == metric.protocolName } }
            try store.recordEvaluationMetrics(run: run.id, recorded)
        }
        if let weights = request.inceptionWeights {
            recorded += try InceptionDistance.record(run: run, manifest: manifest, manifestURL: manifestURL, data: data,
                                                     weights: weights, store: store, request: request, say: say)
        }
        for metric in recorded {
            say(String(format: "  %@ = %.4f  (%@, n = %d)", metric.name, metric.value, metric.protocolName, metric.sampleCount))
        }
        return RunEvaluationOutcome(runId: run.id, translationsSkipped: translationsSkipped, recorded: recorded,
                                    skippedMetrics: planned.count - missing.count, manifest: manifestURL)
    }
}
