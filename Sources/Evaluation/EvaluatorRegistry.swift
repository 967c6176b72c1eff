import Experiments
import Foundation
import NN
import ResultsStore

/// Trained evaluator networks stored like runs: a row in the results store (method = the evaluator's
/// name, variant "evaluator", profile "evaluator", its configuration JSON and hash) and a folder
/// `<results>/evaluators/<name>-<dataset>-seed<S>-<hash12>/` holding `config.json` and
/// `weights.safetensors`. The same configuration (dataset fingerprint, sizes, training recipe, seed)
/// is trained once and reused by hash.
public struct EvaluatorRegistry {
    public let resultsRoot: URL
    let store: ResultsDatabase
    let say: (String) -> Void

    public init(resultsRoot: URL, store: ResultsDatabase, say: @escaping (String) -> Void) {
        self.resultsRoot = resultsRoot
        self.store = store
        self.say = say
    }

    /// A stored evaluator: where its files are, its configuration hash, and the metrics it finished with.
    public struct Entry {
        public let folder: URL
        public let hash: String
        public let runId: Int64
        public let metrics: [MetricRecord]
        public var weights: URL { folder.appendingPathComponent("weights.safetensors") }
    }

    /// The finished evaluator with this configuration, or a new one from `train(folder)`, which writes
    /// the weights into the folder and returns the metrics to store with it (its own test accuracy).
    public func obtain<Config: Encodable>(name: String, dataset: String, seed: UInt64, config: Config,
                                          train: (URL) throws -> [MetricValue]) throws -> Entry {
        let json = try CanonicalJSON.encode(config)
        let hash = CanonicalJSON.hash(json)
        let folder = resultsRoot.appendingPathComponent("evaluators")
            .appendingPathComponent("\(name)-\(dataset)-seed\(seed)-\(hash.prefix(12))")
        let weights = folder.appendingPathComponent("weights.safetensors")
        let earlier = try store.runs(configHash: hash)
        if let done = earlier.last(where: { $0.status == .finished }), FileManager.default.fileExists(atPath: weights.path) {
            say("\(name): reusing run \(done.id!) (\(folder.path))")
            return Entry(folder: folder, hash: hash, runId: done.id!, metrics: try store.metrics(ofRun: done.id!))
        }
        let runId: Int64
        if let open = earlier.last(where: { $0.status == .running || $0.status == .abandoned }) {
            runId = open.id!
            try store.resumeRun(runId)
        } else {
            runId = try store.startRun(RunDescription(method: name, variant: "evaluator", dataset: dataset, profile: "evaluator",
                                                      seed: Int(seed), configJSON: json, codeVersion: CodeVersion.current()))
        }
        say("\(name): training (run \(runId), \(folder.path))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((json + "\n").utf8).write(to: folder.appendingPathComponent("config.json"), options: .atomic)
            let metrics = try train(folder)
            guard FileManager.default.fileExists(atPath: weights.path) else {
                throw ExperimentError("\(name): training wrote no \(weights.path)")
            }
            try store.finishRun(runId, finalMetrics: metrics)
            _ = try? store.recordArtefact(ArtefactRecord(runId: runId, kind: .checkpoint, path: weights.path))
        } catch {
            try? store.failRun(runId, message: "\(error)")
            throw error
        }
        return Entry(folder: folder, hash: hash, runId: runId, metrics: try store.metrics(ofRun: runId))
    }
}
