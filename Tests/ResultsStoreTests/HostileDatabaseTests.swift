import Foundation
import GRDB
import ResultsStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Databases the store must refuse or read without writing (issue 8).
@Suite struct HostileDatabaseTests {
    /// A database with one finished StarGAN run.
    static func seeded(_ path: String) throws {
        let db = try ResultsDatabase(path: path)
        _ = try TableRenderingTests.finishedRun(db, method: MethodKey.stargan, variant: VariantKey.default, seed: 0,
                                                TableRenderingTests.table2Metrics(fid: 20.5, msssim: 0.85, error: 0.09))
    }

    static func userVersion(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1 }
    }

    @Test func aDatabaseFromANewerHarnessIsRefusedAndLeftAlone() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("results.sqlite")
        try Self.seeded(path)
        #expect(try Self.userVersion(path) == 2)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "PRAGMA user_version = 3") }
        for open in [{ try ResultsDatabase(path: path) }, { try ResultsDatabase(readingFrom: path) }] {
            let error = #expect(throws: StoreError.self) { _ = try open() }
            #expect(error?.description == "results database \(path): written by a newer version of the harness: schema version 3, "
                    + "this build reads up to version 2. Use a newer build, or a new --database file")
        }
        #expect(try Self.userVersion(path) == 3)

        // An unknown migration (user_version not stamped): named in the message.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA user_version = 2")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3: checkpoints table')")
        }
        let error = #expect(throws: StoreError.self) { _ = try ResultsDatabase(path: path) }
        #expect(error?.description.contains("migrations unknown here: \"v3: checkpoints table\"") == true)
        #expect(try DatabaseQueue(path: path).read { db in try db.tableExists("grdb_migrations") })
    }

    @Test func sqliteErrorsNameTheFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("not-a-database.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        for open in [{ try ResultsDatabase(path: path) }, { try ResultsDatabase(readingFrom: path) }] {
            let error = #expect(throws: StoreError.self) { _ = try open() }
            #expect(error?.description.hasPrefix("results database \(path): SQLite error 26") == true, "\(String(describing: error))")
        }
    }

    @Test func readingOpensNoLockFileAndRunsNoMigration() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("results.sqlite")
        try Self.seeded(path)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "PRAGMA user_version = 0") }  // as an older build left it
        try FileManager.default.removeItem(atPath: path + "-migration.lock")
        let output = try TableReport.run(identifiers: ["table2"], databasePath: path, outputDirectory: nil)
        #expect(output.markdown.contains("20.50"))
        #expect(!FileManager.default.fileExists(atPath: path + "-migration.lock"))
        #expect(try Self.userVersion(path) == 0)
    }

    /// `report table` on a database in a read-only folder, itself read-only: the reader cannot create
    /// SQLite's WAL index there. Run as an unprivileged user (root ignores permissions).
    @Test func reportReadsADatabaseInAReadOnlyFolder() throws {
        let dir = try TemporaryDirectory()
        let folder = dir.url.appendingPathComponent("frozen")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("results.sqlite").path
        try Self.seeded(path)
        try FileManager.default.removeItem(atPath: path + "-migration.lock")
        chmod(path, 0o444); chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let report = try ReportExecutable.url().path
        let arguments = ["table", "table2", "--database", path, "--no-files"]
        let process = Process()
        if getuid() == 0 {
            // Root bypasses permissions; nobody (65534) does not. The folders above must be searchable.
            chmod(dir.url.path, 0o755)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", report] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: report)
            process.arguments = arguments
        }
        let log = dir.url.appendingPathComponent("report.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        #expect(waitFor(seconds: 60) { !process.isRunning })
        if process.isRunning { process.terminate() }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0 && text.contains("20.50"), "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["results.sqlite"])
    }

    @Test func anUnwritableOutputFolderIsSaidInWords() throws {
        let dir = try TemporaryDirectory()
        let blocker = dir.path("tables")
        try Data("a file".utf8).write(to: URL(fileURLWithPath: blocker))
        let error = #expect(throws: StoreError.self) {
            _ = try TableReport.run(identifiers: ["table2"], databasePath: dir.path("none.sqlite"), outputDirectory: blocker + "/sub")
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("cannot write \(blocker)/sub: ") && !text.contains("NSCocoaErrorDomain"), "\(text)")
    }
}
