import ArgumentParser

/// `report`: the paper's tables from the results database, and database upkeep.
@main
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the paper's tables (Markdown, CSV, LaTeX) from the results database.",
        subcommands: [TableCommand.self, AbandonStaleCommand.self, StressWriteCommand.self])
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the results database (SQLite).")
    var database: String = "results/results.sqlite"
}
