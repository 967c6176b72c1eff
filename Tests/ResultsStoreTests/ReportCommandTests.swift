import Foundation
import ResultsStore
import Testing

/// The `report` executable end to end: what `make table2` runs.
@Suite struct ReportCommandTests {
    @Test func tableCommandPrintsMarkdownAndWritesFiles() throws {
        let dir = try TemporaryDirectory()
        let db = try TableRenderingTests.seededTable2Database(dir)
        let process = try ReportExecutable.start(["table", "table2", "--database", db.path, "--output-directory", dir.path("tables")],
                                                 logIn: dir, name: "report")
        process.waitUntilExit()
        let log = ReportExecutable.log("report", in: dir)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("| BiL-GAN | 15.00 ± 1.00 (n=3) | 14.93 |"))
        for ext in ["md", "csv", "tex"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("tables/table2.\(ext)")))
        }
    }

    @Test func badArgumentsFailWithAMessage() throws {
        let dir = try TemporaryDirectory()
        for (name, arguments, expected) in [
            ("unknown", ["table", "table7", "--no-files"], "unknown table"),
            ("protocol", ["table", "table2", "--no-files", "--protocol", "fid"], "METRIC=PROTOCOL"),
        ] {
            let process = try ReportExecutable.start(arguments, logIn: dir, name: name)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(ReportExecutable.log(name, in: dir).contains(expected), "\(ReportExecutable.log(name, in: dir))")
        }
    }
}
