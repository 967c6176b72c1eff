import Foundation
import GRDB

/// Finding a configuration's earlier runs and taking an unfinished one up again, so that training
/// the same configuration twice skips a finished run and resumes an interrupted one.
extension ResultsDatabase {
    /// Runs whose configuration hash is `hash`, oldest first.
    public func runs(configHash hash: String) throws -> [RunRecord] {
        try pool.read { db in
            try RunRecord.filter(Column("configHash") == hash).order(Column("id")).fetchAll(db)
        }
    }

    /// Marks a `running` or `abandoned` run as running again in this process (a rerun after an
    /// interruption or a crash resumes it from its last checkpoint).
    public func resumeRun(_ id: Int64, now: Date = Date()) throws {
        try pool.write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.unknownRun(id) }
            guard run.status == .running || run.status == .abandoned else {
                throw StoreError.wrongRunState(run: id, status: run.status.rawValue, expected: "running or abandoned")
            }
            run.status = .running
            run.statusMessage = nil
            run.host = ProcessInfo.processInfo.hostName
            run.processID = Int(ProcessInfo.processInfo.processIdentifier)
            run.updatedAt = now
            try run.update(db)
        }
    }
}
