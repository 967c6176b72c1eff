import Foundation

/// One run of a sweep: train then evaluate one method variant with one seed, writing its own shard.
public struct SweepTask: Codable, Sendable, Equatable {
    public var method: String
    public var variant: String
    public var seed: UInt64
    /// `<method>-<variant>-<dataset>-<profile>-seed<S>`: names the shard and the task's log.
    public var key: String
    /// Absolute path of the task's SQLite shard, `<results>/shards/<key>.sqlite`.
    public var shard: String

    public init(method: String, variant: String, seed: UInt64, key: String, shard: String) {
        self.method = method; self.variant = variant; self.seed = seed; self.key = key; self.shard = shard
    }
}

/// Everything an array task needs, written next to the sbatch script as `manifest.json`, so the script
/// only says "run task $SLURM_ARRAY_TASK_ID" and local and Slurm runs share one entry point
/// (`sweep run-task`). Paths are absolute: a Slurm task may start in another directory on another node.
public struct SweepManifest: Codable, Sendable, Equatable {
    public var profile: String
    public var dataset: String
    public var dataRoot: String
    public var results: String
    public var profiles: String
    /// The folder holding the built `train`, `evaluate` and `sweep` executables.
    public var binDirectory: String
    public var tasks: [SweepTask]

    public static let fileName = "manifest.json"

    public init(profile: String, dataset: String, dataRoot: String, results: String, profiles: String, binDirectory: String,
                tasks: [SweepTask]) {
        self.profile = profile; self.dataset = dataset; self.dataRoot = dataRoot; self.results = results
        self.profiles = profiles; self.binDirectory = binDirectory; self.tasks = tasks
    }

    /// Pretty JSON with sorted keys: the same sweep writes the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a manifest; a missing or malformed file is an error naming it.
    public static func load(_ path: String) throws -> SweepManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SweepError("no sweep manifest at \(path) (write one with `sweep --dry-run` or a submission)")
        }
        do { return try JSONDecoder().decode(SweepManifest.self, from: data) } catch {
            throw SweepError("\(path) is not a sweep manifest: \(error)")
        }
    }

    /// The task at `index`, or an error naming the manifest and its task count.
    public func task(at index: Int) throws -> SweepTask {
        guard tasks.indices.contains(index) else {
            throw SweepError("task index \(index) is outside the manifest's \(tasks.count) task(s) (0-\(tasks.count - 1))")
        }
        return tasks[index]
    }
}
