import ArgumentParser
import CommandLineSupport
import ResultsStore

/// `report abandon-stale`: marks runs whose process died (no heartbeat for a while) as abandoned.
struct AbandonStaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abandon-stale",
        abstract: "Mark runs still 'running' without a heartbeat for --older-than seconds as 'abandoned'.")

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "Seconds without a heartbeat after which a running run counts as dead.")
    var olderThan: Double = 6 * 3600

    /// Up to ten years, in seconds.
    static let olderThanRange = 0.0...(10 * 365 * 86400)

    func validate() throws {
        try FlagValidation.require(olderThan, in: Self.olderThanRange, flag: "--older-than")
    }

    func run() throws {
        guard ResultsDatabase.exists(at: databaseOptions.database) else {
            print("no results database at \(databaseOptions.database): nothing to do")
            return
        }
        let ids = try ResultsDatabase(path: databaseOptions.database).abandonStaleRuns(olderThan: olderThan)
        print(ids.isEmpty ? "no stale runs" : "abandoned runs: \(ids.map(String.init).joined(separator: ", "))")
    }
}
