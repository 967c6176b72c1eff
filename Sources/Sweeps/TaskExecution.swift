import Foundation

/// `sweep run-task`: the one entry point of an array task, on Slurm and in the local pool alike.
/// Runs `train` then `evaluate` for the manifest's task with the flags `tools/reproduce.sh` uses, plus
/// `--database <shard>`, so the task writes only its own SQLite file. Both commands are incremental,
/// so a task killed at any point and started again resumes.
public enum TaskExecution {
    /// The steps of a task as argument lists for executables in the manifest's `binDirectory`, each with
    /// the lock it runs under (nil: none). BiL-GAN's auxiliary run (shared by every variant of a seed) is
    /// trained first under a per-seed lock; `evaluate` runs under a per-dataset lock because it trains the
    /// dataset's evaluators on first use.
    public struct Step: Equatable, Sendable {
        public let executable: String
        public let arguments: [String]
        public let lock: String?

        public init(executable: String, arguments: [String], lock: String?) {
            self.executable = executable; self.arguments = arguments; self.lock = lock
        }
    }

    public static func steps(for task: SweepTask, in manifest: SweepManifest) -> [Step] {
        let common = ["--dataset", manifest.dataset, "--seed", String(task.seed), "--data-root", manifest.dataRoot,
                      "--profile", manifest.profile, "--results", manifest.results, "--profiles", manifest.profiles,
                      "--database", task.shard, "--quiet"]
        let locks = URL(fileURLWithPath: manifest.results).appendingPathComponent("locks")
        var steps: [Step] = []
        if task.method == "bilgan" {
            steps.append(Step(executable: "train", arguments: ["--method", "bilgan-aux"] + common,
                              lock: locks.appendingPathComponent("bilgan-aux-\(manifest.dataset)-seed\(task.seed).lock").path))
        }
        let run = ["--method", task.method, "--variant", task.variant]
        steps.append(Step(executable: "train", arguments: run + common, lock: nil))
        steps.append(Step(executable: "evaluate", arguments: run + common,
                          lock: locks.appendingPathComponent("evaluate-\(manifest.dataset).lock").path))
        return steps
    }

    /// Runs the task's steps in order; the first that fails ends the task with its exit status.
    /// `say` gets one line per step (what runs, and how it ended).
    public static func run(index: Int, manifest: SweepManifest, say: (String) -> Void) throws -> Int32 {
        let task = try manifest.task(at: index)
        let bin = URL(fileURLWithPath: manifest.binDirectory)
        say("sweep task \(index) of \(manifest.tasks.count): \(task.key), shard \(task.shard)")
        for step in steps(for: task, in: manifest) {
            let executable = bin.appendingPathComponent(step.executable)
            guard FileManager.default.isExecutableFile(atPath: executable.path) else {
                throw SweepError("\(executable.path) is not an executable; build with `swift build -c release` (manifest binDirectory)")
            }
            say("$ \(step.executable) \(step.arguments.joined(separator: " "))")
            let status: Int32
            if let lock = step.lock {
                status = try FileLock.withLock(URL(fileURLWithPath: lock)) { try ChildProcess.run(executable, step.arguments) }
            } else {
                status = try ChildProcess.run(executable, step.arguments)
            }
            guard status == 0 else {
                say("sweep task \(index) (\(task.key)): \(step.executable) exited with status \(status); task stopped")
                return status
            }
        }
        say("sweep task \(index) (\(task.key)) finished")
        return 0
    }
}

/// A child process with this process's output and environment, waited for.
enum ChildProcess {
    static func run(_ executable: URL, _ arguments: [String], output: FileHandle? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let output {
            process.standardOutput = output
            process.standardError = output
        }
        do { try process.run() } catch {
            throw SweepError("cannot start \(executable.path): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        // A child killed by a signal reports it as 128 + signal, as a shell would.
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
