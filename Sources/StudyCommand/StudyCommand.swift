import ArgumentParser
import Kernels

/// `study`: the user study of Table 1 (docs/study.md): build blinded pairs from translation manifests,
/// invite or revoke raters, serve the rating page, fill it with simulated ground-truth raters.
@main
struct StudyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Run the Table 1 user study: blinded pairs, rater links, the rating page, simulated ground-truth raters.",
        subcommands: [PairsCommand.self, InviteCommand.self, RevokeCommand.self, SimulateCommand.self, ServeCommand.self])

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() async {
        BLASKernelSelection.ensureBestKernel()
        await main(nil)
    }
}

/// Options every study command shares.
struct StudyOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the results database (SQLite).")
    var database: String = "results/results.sqlite"

    @Option(name: .long, help: "Name of the study (a database may hold several).")
    var study: String = "table1"
}
