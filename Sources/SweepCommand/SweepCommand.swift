import ArgumentParser
import Foundation
import Kernels

/// `sweep`: many runs (methods × variants × seeds) on Slurm or a local worker pool, each task writing its
/// own results shard; `report merge` folds the shards into the results database (docs/sweeps.md).
@main
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train and evaluate many runs on Slurm (a job array) or locally (a worker pool).",
        subcommands: [SubmitCommand.self, RunTaskCommand.self],
        defaultSubcommand: SubmitCommand.self)

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }
}
