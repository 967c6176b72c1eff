import ArgumentParser
import Foundation
import ResultsStore

/// `report export --format csv`: every metric with its run's configuration, one row per (run, metric).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every stored metric with its run's configuration as CSV (one row per run and metric).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv }

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "Output format: csv.")
    var format: Format = .csv

    @Option(help: "Write to this file (default: standard output).")
    var output: String?

    func run() throws {
        guard ResultsDatabase.exists(at: databaseOptions.database) else {
            throw ValidationError("no results database at \(databaseOptions.database): train and evaluate first, or pass --database")
        }
        let database = try ResultsDatabase(readingFrom: databaseOptions.database)
        let rows = try MetricExport.rows(in: database)
        let text = MetricExport.csv(rows: rows)
        guard let output else {
            print(text, terminator: "")
            return
        }
        let url = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ValidationError("cannot write --output \(output): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("report: wrote \(rows.count) row(s) to \(output)\n".utf8))
    }
}
