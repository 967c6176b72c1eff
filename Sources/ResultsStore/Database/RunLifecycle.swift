import Foundation
import GRDB

/// Writing runs: start → (heartbeats, intermediate metrics, artefacts) → finish with the final metrics
/// in one transaction, or fail. A writer killed at any point leaves no `finished` run without its metrics.
extension ResultsDatabase {
    /// Inserts a `running` run and returns its id.
    @discardableResult
    public func startRun(_ description: RunDescription, now: Date = Date()) throws -> Int64 {
        try writing { db in
            var record = RunRecord(
                id: nil, method: description.method, variant: description.variant, dataset: description.dataset,
                profile: description.profile, seed: description.seed, configJSON: description.configJSON,
                configHash: description.configHash, codeVersion: description.codeVersion, status: .running,
                statusMessage: nil, host: ProcessInfo.processInfo.hostName,
                processID: Int(ProcessInfo.processInfo.processIdentifier), createdAt: now, updatedAt: now, finishedAt: nil)
            try record.insert(db)
            return record.id!
        }
    }

    /// Marks a running run as alive (`updatedAt`), so `abandonStaleRuns` leaves it alone.
    public func heartbeat(run id: Int64, now: Date = Date()) throws {
        try writing { db in
            var run = try Self.requireRunning(id, in: db)
            run.updatedAt = now
            try run.update(db)
        }
    }

    /// Records metrics of a run that is still running (e.g. evaluations during training).
    public func recordMetrics(run id: Int64, _ metrics: [MetricValue], now: Date = Date()) throws {
        try writing { db in
            var run = try Self.requireRunning(id, in: db)
            try Self.insert(metrics, run: id, now: now, db: db)
            run.updatedAt = now
            try run.update(db)
        }
    }

    /// Records an artefact of an existing run (any status: a failed run's last checkpoint is still useful).
    @discardableResult
    public func recordArtefact(_ artefact: ArtefactRecord) throws -> Int64 {
        try writing { db in
            guard try RunRecord.fetchOne(db, key: artefact.runId) != nil else { throw StoreError.unknownRun(artefact.runId) }
            var record = artefact
            try record.insert(db)
            return record.id!
        }
    }

    /// Inserts the final metrics and marks the run finished, in one transaction.
    public func finishRun(_ id: Int64, finalMetrics: [MetricValue], now: Date = Date()) throws {
        try finishRun(id, finalMetrics: finalMetrics, now: now, beforeCommit: nil)
    }

    /// `finishRun` with a hook that runs inside the transaction after half of the metrics are inserted;
    /// the stress writer uses it to be killed mid-transaction.
    func finishRun(_ id: Int64, finalMetrics: [MetricValue], now: Date, beforeCommit: (() throws -> Void)?) throws {
        try writing { db in
            var run = try Self.requireRunning(id, in: db)
            let half = finalMetrics.count / 2
            try Self.insert(Array(finalMetrics[..<half]), run: id, now: now, db: db)
            try beforeCommit?()
            try Self.insert(Array(finalMetrics[half...]), run: id, now: now, db: db)
            run.status = .finished
            run.updatedAt = now
            run.finishedAt = now
            try run.update(db)
        }
    }

    /// Marks a running run failed, with the reason.
    public func failRun(_ id: Int64, message: String, now: Date = Date()) throws {
        try writing { db in
            var run = try Self.requireRunning(id, in: db)
            run.status = .failed
            run.statusMessage = message
            run.updatedAt = now
            try run.update(db)
        }
    }

    /// Marks runs still `running` whose last sign of life is older than `interval` as `abandoned` (their
    /// process died: killed, out of memory, machine lost). Returns their ids. Their partial metrics stay,
    /// but no table counts them.
    @discardableResult
    public func abandonStaleRuns(olderThan interval: TimeInterval, now: Date = Date()) throws -> [Int64] {
        try writing { db in
            let cutoff = now.addingTimeInterval(-interval)
            let stale = try RunRecord
                .filter(Column("status") == RunStatus.running.rawValue && Column("updatedAt") <= cutoff)
                .fetchAll(db)
            for var run in stale {
                run.status = .abandoned
                run.statusMessage = "no heartbeat since \(run.updatedAt) (abandoned at \(now))"
                run.updatedAt = now
                try run.update(db)
            }
            return stale.compactMap(\.id)
        }
    }

    // MARK: Reading

    public func run(_ id: Int64) throws -> RunRecord? {
        try reading { db in try RunRecord.fetchOne(db, key: id) }
    }

    public func runs(status: RunStatus? = nil) throws -> [RunRecord] {
        try reading { db in
            var request = RunRecord.order(Column("id"))
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.fetchAll(db)
        }
    }

    public func metrics(ofRun id: Int64) throws -> [MetricRecord] {
        try reading { db in
            try MetricRecord.filter(Column("runId") == id).order(Column("id")).fetchAll(db)
        }
    }

    /// Row counts per table, for checks and `report status`.
    public func rowCounts() throws -> [String: Int] {
        try reading { db in
            var counts = [String: Int]()
            for table in ["run", "metric", "artefact", "studyItem", "studyVote"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    // MARK: Helpers

    static func requireRunning(_ id: Int64, in db: Database) throws -> RunRecord {
        guard let run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.unknownRun(id) }
        guard run.status == .running else {
            throw StoreError.wrongRunState(run: id, status: run.status.rawValue, expected: RunStatus.running.rawValue)
        }
        return run
    }

    static func insert(_ metrics: [MetricValue], run id: Int64, now: Date, db: Database) throws {
        for metric in metrics {
            var record = try MetricRecord(runId: id, metric: metric, at: now)
            do {
                try record.insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.invalidInput("run \(id) already has metric \(metric.name) under protocol \(metric.protocolName)")
            }
        }
    }
}
