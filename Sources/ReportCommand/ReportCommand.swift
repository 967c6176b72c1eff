import ArgumentParser
import Kernels

/// `report`: the paper's tables from the results database, and database upkeep.
@main
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the paper's tables (Markdown, CSV, LaTeX) from the results database.",
        subcommands: [TableCommand.self, MergeCommand.self, ExportCommand.self, AbandonStaleCommand.self, StressWriteCommand.self])

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the results database (SQLite).")
    var database: String = "results/results.sqlite"
}
