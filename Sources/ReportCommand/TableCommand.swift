import ArgumentParser
import Foundation
import ResultsStore

/// `report table table1|table2|table3|all`: prints Markdown, writes `.md`, `.csv` and `.tex` files.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print a paper table with our numbers (mean ± sd over seeds) beside the published ones.",
        discussion: "Without a results database the tables show the published numbers only.")

    @Argument(help: "Which table: table1 (user study), table2 (FID, MS-SSIM, CLAS error), table3 (rank-1), or all.")
    var table: String

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "Folder for <table>.md, <table>.csv and <table>.tex.")
    var outputDirectory: String = "results/tables"

    @Flag(name: .long, help: "Print only; write no files.")
    var noFiles = false

    @Option(name: .long, help: "Use runs of this dataset only (needed when the database holds several).")
    var dataset: String?

    @Option(name: .long, help: "Use runs of this profile only (smoke, quick, paper; needed when the database holds several).")
    var profile: String?

    @Option(name: .long, parsing: .singleValue,
            help: "METRIC=PROTOCOL: the protocol to show for a metric recorded under several (repeatable), e.g. fid=clean-fid.")
    var `protocol`: [String] = []

    @Option(name: .long, help: "User study to use for table1 (needed when the database holds several).")
    var study: String?

    @Option(name: .long, help: "Table 1 raters to use: person or simulated (needed when a study has both).")
    var raters: String?

    func validate() throws {
        guard table == "all" || PublishedTables.all.contains(where: { $0.identifier == table }) else {
            throw ValidationError("unknown table \"\(table)\": expected table1, table2, table3 or all")
        }
        if let raters, StudyRaterRecord.Kind(rawValue: raters) == nil {
            throw ValidationError("--raters expects person or simulated, got \"\(raters)\"")
        }
        for pair in `protocol` where pair.split(separator: "=", maxSplits: 1).count != 2 {
            throw ValidationError("--protocol expects METRIC=PROTOCOL, got \"\(pair)\"")
        }
    }

    func run() throws {
        let protocols = Dictionary(`protocol`.map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }, uniquingKeysWith: { _, last in last })
        let identifiers = table == "all" ? PublishedTables.all.map(\.identifier) : [table]
        let output = try TableReport.run(
            identifiers: identifiers, databasePath: databaseOptions.database, outputDirectory: noFiles ? nil : outputDirectory,
            filter: RunFilter(dataset: dataset, profile: profile, protocols: protocols), study: study,
            raters: raters.flatMap(StudyRaterRecord.Kind.init(rawValue:)))
        if let notice = output.notice { FileHandle.standardError.write(Data("report: \(notice)\n".utf8)) }
        print(output.markdown, terminator: "")
        for file in output.files { FileHandle.standardError.write(Data("report: wrote \(file)\n".utf8)) }
    }
}
