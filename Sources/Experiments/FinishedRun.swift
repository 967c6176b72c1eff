import Foundation
import ResultsStore
import Training

/// A finished training run found in the results store, with its configuration and folder: what
/// `evaluate` works on. Finding one never trains; loading its method reads the newest checkpoint.
public struct FinishedRun: Sendable {
    public let id: Int64
    public let record: RunRecord
    public let config: RunConfig
    public let folder: URL

    /// Finished runs of `method` matching the optional filters, oldest first, from `database` (default
    /// `<resultsRoot>/results.sqlite`). None matching is an
    /// error that lists the runs the store does have for the method (and their status).
    public static func find(method: String, variant: String?, dataset: String?, profile: String?, seed: UInt64?,
                            runID: Int64?, resultsRoot: URL, database: URL? = nil) throws -> [FinishedRun] {
        let path = (database ?? resultsRoot.appendingPathComponent("results.sqlite")).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExperimentError("no results database at \(path): train a run first (`swift run train --method \(method) …`) or pass --results")
        }
        let store = try ResultsDatabase(path: path)
        let all = try store.runs().filter { $0.method == method }
        let matching = all.filter { run in
            run.status == .finished && (variant.map { run.variant == $0 } ?? true) && (dataset.map { run.dataset == $0 } ?? true)
                && (profile.map { run.profile == $0 } ?? true) && (seed.map { run.seed == Int($0) } ?? true)
                && (runID.map { run.id == $0 } ?? true)
        }
        guard !matching.isEmpty else {
            let listed = all.map { "  run \($0.id!): \($0.method) \($0.variant) \($0.dataset) profile \($0.profile) seed \($0.seed) (\($0.status.rawValue))" }
            let wanted = [variant.map { "variant \($0)" }, dataset.map { "dataset \($0)" }, profile.map { "profile \($0)" },
                          seed.map { "seed \($0)" }, runID.map { "run \($0)" }].compactMap { $0 }.joined(separator: ", ")
            throw ExperimentError("no finished \(method) run" + (wanted.isEmpty ? "" : " with \(wanted)") + " in \(path); "
                + (listed.isEmpty ? "the store has no \(method) runs (train one with `swift run train --method \(method)`)"
                   : "the store has:\n" + listed.joined(separator: "\n")))
        }
        return try matching.map { try FinishedRun(record: $0, resultsRoot: resultsRoot) }
    }

    public init(record: RunRecord, resultsRoot: URL) throws {
        guard let id = record.id else { throw ExperimentError("a run record without an id") }
        self.id = id
        self.record = record
        do {
            config = try JSONDecoder().decode(RunConfig.self, from: Data(record.configJSON.utf8))
        } catch {
            throw ExperimentError("run \(id): its stored configuration is not a training configuration (\(DecodingErrorText.describe(error)))")
        }
        folder = resultsRoot.appendingPathComponent("runs").appendingPathComponent(try config.runName())
    }

    public var dataset: TrainingDataset? { TrainingDataset(rawValue: config.dataset) }

    /// The method rebuilt from the run's configuration with the weights of its newest checkpoint
    /// (in evaluation mode), and that checkpoint's iteration.
    public func loadMethod() throws -> (method: TrainingMethod, iteration: Int, checkpoint: URL) {
        guard let name = MethodName(rawValue: config.method) else {
            throw ExperimentError("run \(id): method \(config.method) is not one this build knows (\(MethodName.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let dataset else { throw ExperimentError("run \(id): unknown dataset \(config.dataset)") }
        let directory = CheckpointDirectory(url: folder.appendingPathComponent("checkpoints"))
        guard let latest = directory.latest else {
            throw ExperimentError("run \(id): no checkpoint in \(directory.url.path) (expected iter-NNNNNNNN.safetensors); "
                + "the run folder was moved or deleted — train again with the same command to recreate it")
        }
        let context = MethodContext(domains: dataset.domains, imageSize: config.training.imageSize, seed: config.seed)
        let method = try name.make(settings: config.methodSettings, context: context, training: config.training)
        let iteration = try CheckpointDirectory.checkpoint(of: method).load(from: latest).iteration
        for (_, module) in method.checkpointModules { module.eval() }
        return (method, iteration, latest)
    }
}
