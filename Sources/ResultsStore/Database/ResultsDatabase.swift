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
    /// A `DatabasePool` for writers; a read-only `DatabaseQueue` for `init(readingFrom:)`.
    let pool: any DatabaseWriter

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 60

    /// Opens (creating it and its folder if needed) and migrates the database at `path`. A database
    /// written by a newer harness is refused, never migrated or used.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.unusableDatabase(path: path, reason: "cannot create its folder (\(FileErrorText.describe(error)))")
        }
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
        pool = try Self.namingFile(path) {
            try Self.withMigrationLock(path: path + "-migration.lock") {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try pool.read { db in try Schema.refuseNewer(db, path: path) }
                try Schema.migrator.migrate(pool)
                try pool.write { db in try Schema.stampVersion(db) }
                return pool
            }
        }
        self.path = path
    }

    /// Opens an existing database for reading only: no folder, lock file or migration is created,
    /// so the report works on a results file in a read-only folder, a read-only file, or a copy on
    /// read-only media. A database of an older harness is read as it is (its tables are a prefix of
    /// ours); one from a newer harness is refused.
    public init(readingFrom path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.unusableDatabase(path: path, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        pool = try Self.namingFile(path) {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.read { db in try Schema.refuseNewer(db, path: path) }
                return queue
            } catch let error as DatabaseError where [ResultCode.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode.primaryResultCode) {
                // A WAL database needs its -shm index file, which SQLite cannot create in a read-only
                // folder; `immutable=1` reads the file without it. Safe there: nothing can write beside us.
                let queue = try DatabaseQueue(path: Self.immutableURI(path), configuration: configuration)
                try queue.read { db in try Schema.refuseNewer(db, path: path) }
                return queue
            }
        }
        self.path = path
    }

    /// SQLite URI of `path` opened as immutable (SQLite is built with URI file names, `USE_URI`).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Runs `body`, turning SQLite's errors (which do not say which file) into ones naming `path`.
    static func namingFile<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.unusableDatabase(path: path, reason: "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// A write transaction whose SQLite errors name this database's file.
    func writing<T>(_ updates: (Database) throws -> T) throws -> T {
        try Self.namingFile(path) { try pool.write(updates) }
    }

    /// A read whose SQLite errors name this database's file.
    func reading<T>(_ value: (Database) throws -> T) throws -> T {
        try Self.namingFile(path) { try pool.read(value) }
    }

    /// Whether a database file exists at `path` (the report runs without one).
    public static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// `PRAGMA journal_mode` as SQLite reports it ("wal").
    public func journalMode() throws -> String {
        try reading { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// `PRAGMA integrity_check` ("ok" when the file is sound).
    public func integrityCheck() throws -> String {
        try reading { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    private static func withMigrationLock<T>(path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else {
            throw StoreError.invalidInput("cannot create the lock file \(path) (\(String(cString: strerror(errno)))); to only read the results, open the database read-only")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw StoreError.invalidInput("cannot lock \(path) (\(String(cString: strerror(errno))))") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
