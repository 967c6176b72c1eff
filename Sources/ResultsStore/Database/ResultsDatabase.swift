import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The results database: one SQLite file in WAL mode, opened through a GRDB `DatabasePool`, shared by
/// every process of a benchmark (trainers, evaluators, the report). WAL lets readers run beside the one
/// writer; writers of other processes wait for the lock (busy timeout) instead of failing, and GRDB opens
/// write transactions with BEGIN IMMEDIATE, so no write is lost to a lock upgrade.
public final class ResultsDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 60

    /// Opens (creating it and its folder if needed) and migrates the database at `path`.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a killed process loses no committed transaction; only a power cut may drop
            // the last ones, never corrupting the file (SQLite's recommended WAL setting).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Two processes opening a new file at once would both see "not migrated" (GRDB checks outside
        // its migration transaction), so creation and migration are serialised by a lock file.
        pool = try Self.withMigrationLock(path: path + "-migration.lock") {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
            return pool
        }
        self.path = path
    }

    /// Whether a database file exists at `path` (the report runs without one).
    public static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// `PRAGMA journal_mode` as SQLite reports it ("wal").
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// `PRAGMA integrity_check` ("ok" when the file is sound).
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    private static func withMigrationLock<T>(path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw StoreError.invalidInput("cannot create the lock file \(path) (errno \(errno))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw StoreError.invalidInput("cannot lock \(path) (errno \(errno))") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
