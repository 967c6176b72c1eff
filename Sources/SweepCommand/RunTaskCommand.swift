import ArgumentParser
import Foundation
import Sweeps

/// `sweep run-task --manifest M --index I`: one array task (what the sbatch script and the local pool run).
struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run task I of a sweep manifest: train, then evaluate, into the task's own shard.")

    @Option(help: "The sweep's manifest.json.")
    var manifest: String

    @Option(help: "The task's index in the manifest (Slurm: $SLURM_ARRAY_TASK_ID).")
    var index: Int

    func run() throws {
        do {
            let loaded = try SweepManifest.load(manifest)
            // Written unbuffered, so these lines stay in order with the child processes' output in the log.
            let status = try TaskExecution.run(index: index, manifest: loaded) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            if status != 0 { throw ExitCode(status) }
        } catch let error as SweepError {
            throw ValidationError("\(manifest): \(error.description)")
        }
    }
}
