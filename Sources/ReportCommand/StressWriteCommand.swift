import ArgumentParser
import CommandLineSupport
import ResultsStore

/// `report stress-write` (hidden): one writer process of the store's concurrency tests.
struct StressWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-write",
        abstract: "Write many small runs (concurrency tests of the results store).",
        shouldDisplay: false)

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "Writer name, stored as the runs' variant.")
    var writer: String

    @Option(name: .long, help: "Number of runs to write.")
    var runs: Int

    @Option(name: .long, help: "Metrics in each run's finishing transaction.")
    var metricsPerRun: Int = 10

    @Option(name: .long, help: "File to create once the database is open.")
    var readyMarker: String?

    @Option(name: .long, help: "Wait for this file to exist before writing.")
    var startBarrier: String?

    @Option(name: .long, help: "Comma-separated writer names that take turns for their first --turns runs.")
    var turnOrder: String?

    @Option(name: .long, help: "Runs per writer written in strict alternation (with --turn-order).")
    var turns: Int = 0

    @Option(name: .long, help: "Folder for the turn tokens (with --turn-order).")
    var turnDirectory: String?

    @Option(name: .long, help: "Stop inside the finishing transaction of this run (0-based) and wait to be killed.")
    var holdInFinishOfRun: Int?

    @Option(name: .long, help: "File created once the writer holds the finishing transaction open.")
    var holdMarker: String?

    func validate() throws {
        try FlagValidation.require(runs, in: 0...1_000_000, flag: "--runs")
        try FlagValidation.require(metricsPerRun, in: 0...10_000, flag: "--metrics-per-run")
        try FlagValidation.require(holdInFinishOfRun, in: 0...1_000_000, flag: "--hold-in-finish-of-run")
    }

    func run() throws {
        var turnTaking: TurnTaking?
        if let turnOrder {
            guard let turnDirectory, turns >= 0 else {
                throw ValidationError("--turn-order needs --turn-directory and --turns ≥ 0")
            }
            turnTaking = TurnTaking(directory: turnDirectory, writers: turnOrder.split(separator: ",").map(String.init),
                                    count: turns)
        }
        try StressWriter.run(databasePath: databaseOptions.database, options: .init(
            writer: writer, runs: runs, metricsPerRun: metricsPerRun, readyMarker: readyMarker,
            startBarrier: startBarrier, turns: turnTaking, holdInFinishOfRun: holdInFinishOfRun, holdMarker: holdMarker))
    }
}
