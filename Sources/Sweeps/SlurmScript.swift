import Experiments

/// The sbatch script of a sweep: one array task per run, resources from the profile's "sweep" section,
/// and one command that hands the task index to `sweep run-task`, which reads the run from the manifest.
/// Kept short on purpose: everything that varies per task lives in `manifest.json`.
public struct SlurmScript: Equatable, Sendable {
    public var jobName: String
    public var taskCount: Int
    public var resources: SweepResources
    /// At most this many array tasks at once (`--array=0-N%K`); nil leaves it to Slurm.
    public var maxConcurrent: Int?
    public var partition: String?
    public var workingDirectory: String
    public var logDirectory: String
    public var sweepExecutable: String
    public var manifestPath: String
    /// One line for the header comment, e.g. "4 runs of profile smoke on celebahq".
    public var summary: String

    public init(jobName: String, taskCount: Int, resources: SweepResources, maxConcurrent: Int? = nil, partition: String? = nil,
                workingDirectory: String, logDirectory: String, sweepExecutable: String, manifestPath: String, summary: String) {
        self.jobName = jobName; self.taskCount = taskCount; self.resources = resources; self.maxConcurrent = maxConcurrent
        self.partition = partition; self.workingDirectory = workingDirectory; self.logDirectory = logDirectory
        self.sweepExecutable = sweepExecutable; self.manifestPath = manifestPath; self.summary = summary
    }

    public static let fileName = "sweep.sbatch"

    public func render() -> String {
        var lines = [
            "#!/bin/bash",
            "# BiL-GAN harness sweep: \(summary); one array task per run (train, then evaluate).",
            "# Task i runs entry i of the manifest; each task writes its own SQLite shard (see the manifest).",
            "# Afterwards: report merge <results>/shards/*.sqlite  (docs/sweeps.md)",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=0-\(taskCount - 1)" + (maxConcurrent.map { "%\($0)" } ?? ""),
            "#SBATCH --cpus-per-task=\(resources.cpusPerTask)",
            "#SBATCH --mem=\(resources.memoryGB)G",
            "#SBATCH --time=\(resources.timeMinutes)",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "#SBATCH --chdir=\(workingDirectory)",
            "#SBATCH --output=\(logDirectory)/%A_%a.log",
            "set -euo pipefail",
            "export HARNESS_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
            "exec \(Self.quoted(sweepExecutable)) run-task --manifest \(Self.quoted(manifestPath)) --index \"$SLURM_ARRAY_TASK_ID\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A POSIX shell single-quoted word (a quote inside becomes '\'').
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Characters an `#SBATCH` line cannot carry safely (Slurm splits these lines on blanks).
    public static func problems(path: String, what: String) -> String? {
        path.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) ? "\(what) \(path) contains blanks, which #SBATCH lines cannot hold" : nil
    }
}
