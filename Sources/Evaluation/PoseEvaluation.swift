import Datasets
import EvaluationMetrics
import Evaluators
import Experiments
import Foundation
import ResultsStore
import SynthFaces

/// `evaluate` on Multi-PIE (Table 3): for a finished run, the probes frontalised by the run's newest
/// checkpoint, Light CNN features, cosine rank-1 per |yaw|; for `--method lightcnn`, the same on the
/// raw probes (the paper's "Light CNN" row), stored as a run of its own (method `lightcnn`, variant
/// `no-frontalisation`, seed = the evaluator seed) because the store keeps metrics on runs. Values
/// already stored under the same protocol are not recomputed.
public enum PoseEvaluation {
    /// A finished Multi-PIE training run.
    static func evaluate(_ run: FinishedRun, request: EvaluationRequest, store: ResultsDatabase, registry: EvaluatorRegistry,
                         say: (String) -> Void) throws -> RunEvaluationOutcome {
        let root = request.dataRoot ?? URL(fileURLWithPath: run.config.datasetPath)
        let split = try PoseIdentificationSplit(root: root)
        let print = TrainingDataset.multipie.fingerprint(samples: split.dataset.samples(split.train), root: root)
        guard print.hash == run.config.datasetFingerprint else {
            throw ExperimentError("run \(run.id) was trained on another multipie set than \(TrainingDataset.multipie.folder(in: root).path) "
                + "(training-split fingerprint \(run.config.datasetFingerprint.prefix(12)) vs \(print.hash.prefix(12))); "
                + "pass --data-root with the folder it was trained on (\(run.config.datasetPath))")
        }
        let settings = try EvaluatorSettings.load(profile: request.profile ?? run.config.profile, directory: request.profilesDirectory)
        let side = run.config.training.imageSize
        say("run \(run.id) \(run.folder.lastPathComponent): \(split.probes.count) probes of \(split.gallery.count) test subjects "
            + "→ frontal (\(FrontalisationSet.frontalCamera)) at \(side)²")
        let evaluator = try LightCNNEvaluator.obtain(split: split, root: root, settings: settings, registry: registry,
                                                     showProgress: request.showProgress, say: say)

        var translationsSkipped = true
        let manifest: FrontalisationSet.Manifest
        if let kept = FrontalisationSet.existing(for: run, probes: split.probes) {
            say("frontalised probes already in \(FrontalisationSet.folder(of: run).path)")
            manifest = kept
        } else {
            let loaded = try run.loadMethod()
            say("loaded \(loaded.checkpoint.lastPathComponent) (iteration \(loaded.iteration))")
            let bar = ProgressBar(total: split.probes.count, label: "frontalising (\(run.config.method) run \(run.id))",
                                  enabled: request.showProgress)
            manifest = try FrontalisationSet.produce(run: run, method: loaded.method, split: split, batchSize: request.batchSize) {
                bar.advance($0)
            }
            translationsSkipped = false
        }
        if try translationsSkipped && store.hasMetric(run: run.id, name: MetricName.rankOne, protocolName: evaluator.protocolName) {
            say("run \(run.id): all 1 metrics already stored")
            return RunEvaluationOutcome(runId: run.id, translationsSkipped: true, recorded: [], skippedMetrics: 1,
                                        manifest: FrontalisationSet.manifestURL(of: run))
        }
        let base = FrontalisationSet.folder(of: run)
        let probes = manifest.items.map { PoseRankOne.Probe(image: base.appendingPathComponent($0.output), subject: String($0.subject),
                                                           camera: $0.camera) }
        let metric = try measure(probes: probes, probeSide: side, split: split, evaluator: evaluator, request: request)
        try store.recordEvaluationMetrics(run: run.id, [metric])
        say("  rank1 = \(String(format: "%.4f", metric.value)) (\(metric.protocolName), n = \(metric.sampleCount)): " + PoseRankOne.summary(metric))
        return RunEvaluationOutcome(runId: run.id, translationsSkipped: translationsSkipped, recorded: [metric], skippedMetrics: 0,
                                    manifest: FrontalisationSet.manifestURL(of: run))
    }

    /// What identifies the "Light CNN" row's run: the evaluator that measures it and the exact probe
    /// and gallery lists.
    struct RawProbesConfig: Codable {
        var row = "Light CNN on raw probes (Table 3)"
        var evaluatorProtocol: String
        var settings: EvaluatorSettings.LightCNNEvaluator
        var datasetPath: String
        var galleryAndProbes: String
    }

    /// The "Light CNN" row: the raw probes (no frontalisation) at the Light CNN's own input size.
    public static func evaluateRawProbes(_ request: EvaluationRequest, say: @escaping (String) -> Void) throws -> RunEvaluationOutcome {
        if let asked = request.dataset, asked != .multipie {
            throw ExperimentError("--method \(MethodKey.lightCNN) is Table 3's row on Multi-PIE; --dataset \(asked.rawValue) has no pose probes")
        }
        let root = request.dataRoot ?? URL(fileURLWithPath: "datasets/generated")
        let profile = request.profile ?? "default"
        var settings = try EvaluatorSettings.load(profile: profile, directory: request.profilesDirectory)
        if let seed = request.seed { settings.seed = seed }
        let split = try PoseIdentificationSplit(root: root)
        try FileManager.default.createDirectory(at: request.resultsRoot, withIntermediateDirectories: true)
        let store = try ResultsDatabase(path: request.resultsRoot.appendingPathComponent("results.sqlite").path)
        let registry = EvaluatorRegistry(resultsRoot: request.resultsRoot, store: store, say: say)
        let evaluator = try LightCNNEvaluator.obtain(split: split, root: root, settings: settings, registry: registry,
                                                     showProgress: request.showProgress, say: say)
        let lists = (split.gallery.map { "g " + $0.relativePath } + split.probes.map { "p " + $0.relativePath }).joined(separator: "\n")
        let config = RawProbesConfig(evaluatorProtocol: evaluator.protocolName, settings: evaluator.settings,
                                     datasetPath: root.standardizedFileURL.path, galleryAndProbes: SHA256.hexDigest(Array(lists.utf8)))
        let json = try CanonicalJSON.encode(config)
        let earlier = try store.runs(configHash: CanonicalJSON.hash(json))
        if let done = earlier.last(where: { $0.status == .finished }),
           try store.hasMetric(run: done.id!, name: MetricName.rankOne, protocolName: evaluator.protocolName) {
            say("Light CNN row: run \(done.id!) already holds rank1 under \(evaluator.protocolName); nothing to do")
            return RunEvaluationOutcome(runId: done.id!, translationsSkipped: true, recorded: [], skippedMetrics: 1,
                                        manifest: request.resultsRoot)
        }
        let runId = try store.startRun(RunDescription(method: MethodKey.lightCNN, variant: VariantKey.noFrontalisation,
                                                      dataset: TrainingDataset.multipie.rawValue, profile: profile, seed: Int(settings.seed),
                                                      configJSON: json, codeVersion: CodeVersion.current()))
        say("Light CNN row: run \(runId), \(split.probes.count) raw probes of \(split.gallery.count) test subjects at \(evaluator.network.inputSize)²")
        do {
            let probes = split.probes.map { PoseRankOne.Probe(image: split.dataset.root.appendingPathComponent($0.relativePath),
                                                              subject: String($0.name.subject), camera: $0.name.camera) }
            let metric = try measure(probes: probes, probeSide: evaluator.network.inputSize, split: split, evaluator: evaluator,
                                     request: request)
            try store.finishRun(runId, finalMetrics: [metric])
            say("  rank1 = \(String(format: "%.4f", metric.value)) (\(metric.protocolName), n = \(metric.sampleCount)): " + PoseRankOne.summary(metric))
            return RunEvaluationOutcome(runId: runId, translationsSkipped: true, recorded: [metric], skippedMetrics: 0,
                                        manifest: request.resultsRoot)
        } catch {
            try? store.failRun(runId, message: "\(error)")
            throw error
        }
    }

    /// Gallery features (the real frontal files at the Light CNN's side) against the probe images
    /// (loaded at `probeSide`, then resized to the Light CNN's side).
    static func measure(probes: [PoseRankOne.Probe], probeSide: Int, split: PoseIdentificationSplit, evaluator: LightCNNEvaluator,
                        request: EvaluationRequest) throws -> MetricValue {
        let side = evaluator.network.inputSize
        let bar = ProgressBar(total: split.gallery.count + probes.count, label: "Light CNN features", enabled: request.showProgress)
        let gallery = try PoseRankOne.features(of: split.gallery.map { split.dataset.root.appendingPathComponent($0.relativePath) },
                                               loadSide: side, evaluator: evaluator, batchSize: request.batchSize) { bar.advance($0) }
        let probeFeatures = try PoseRankOne.features(of: probes.map(\.image), loadSide: probeSide, evaluator: evaluator,
                                                     batchSize: request.batchSize) { bar.advance($0) }
        return try PoseRankOne.metric(gallery: gallery, gallerySubjects: split.gallery.map { String($0.name.subject) },
                                      probes: probeFeatures, probeInfo: probes, protocolName: evaluator.protocolName)
    }
}
