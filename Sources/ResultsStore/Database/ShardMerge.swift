import Foundation
import GRDB

/// What merging one shard did, run by run, so `report merge` can say it plainly.
public struct ShardMergeOutcome: Sendable, Equatable {
    /// What happened to one run of the shard.
    public enum Action: String, Sendable, Equatable {
        /// A run the target did not have (by configuration hash), copied with its metrics and artefacts.
        case added
        /// The target already had this run finished; only metrics it lacked were copied (none on a re-merge).
        case alreadyPresent
        /// The target had the run unfinished and the shard has it finished: the target's row now is.
        case completed
        /// The shard's run is unfinished (running, failed, abandoned) and the target has it finished: kept as is.
        case unfinishedKept
    }

    public struct RunEntry: Sendable, Equatable {
        public let shardRunId: Int64
        public let targetRunId: Int64
        public let method: String
        public let variant: String
        public let seed: Int
        public let configHash: String
        /// The run's status in the shard: anything but `finished` is reported.
        public let status: RunStatus
        public let statusMessage: String?
        public let action: Action
        public let metricsCopied: Int
    }

    public let shardPath: String
    public let runs: [RunEntry]

    /// Runs of the shard that did not finish (a failed or killed task).
    public var unfinished: [RunEntry] { runs.filter { $0.status != .finished } }
}

/// Merging per-task shards (`sweep` writes one SQLite file per array task, since SQLite on a shared file
/// system is not safe for many writers) into one results database. A run's identity is its configuration
/// hash, so merging the same shard twice adds nothing the second time; a metric's identity is
/// (run, name, protocol) as in the schema; an artefact's is (run, kind, path).
extension ResultsDatabase {
    /// Merges every run, metric and artefact of `shard` in one transaction: either all of it or none.
    /// A shard holding user-study rows is refused (studies are run on one machine, never in a sweep).
    public func merge(shard: ResultsDatabase) throws -> ShardMergeOutcome {
        let (runs, metrics, artefacts, studyRows) = try shard.reading { db in
            (try RunRecord.order(Column("id")).fetchAll(db),
             try MetricRecord.order(Column("id")).fetchAll(db),
             try ArtefactRecord.order(Column("id")).fetchAll(db),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM studyItem") ?? 0)
        }
        guard studyRows == 0 else {
            throw StoreError.invalidInput("\(shard.path) holds \(studyRows) user-study item(s); shards hold runs only, "
                + "so it is not a sweep shard (merge refused, nothing written)")
        }
        let metricsByRun = Dictionary(grouping: metrics, by: \.runId)
        let artefactsByRun = Dictionary(grouping: artefacts, by: \.runId)
        let entries = try writing { db in
            try runs.map { run in
                try Self.merge(run: run, metrics: metricsByRun[run.id!] ?? [], artefacts: artefactsByRun[run.id!] ?? [], db: db)
            }
        }
        return ShardMergeOutcome(shardPath: shard.path, runs: entries)
    }

    private static func merge(run: RunRecord, metrics: [MetricRecord], artefacts: [ArtefactRecord],
                              db: Database) throws -> ShardMergeOutcome.RunEntry {
        let existing = try RunRecord.filter(Column("configHash") == run.configHash).order(Column("id")).fetchAll(db)
        let target: RunRecord
        let action: ShardMergeOutcome.Action
        if let finished = existing.last(where: { $0.status == .finished }) {
            target = finished
            action = run.status == .finished ? .alreadyPresent : .unfinishedKept
        } else if var open = existing.last {
            if run.status == .finished {
                open.status = .finished
                open.statusMessage = run.statusMessage
                open.finishedAt = run.finishedAt
                open.updatedAt = run.updatedAt
                open.host = run.host
                open.processID = run.processID
                try open.update(db)
                action = .completed
            } else {
                action = .alreadyPresent
            }
            target = open
        } else {
            var copy = run
            copy.id = nil
            try copy.insert(db)
            target = copy
            action = .added
        }
        let targetId = target.id!
        var copied = 0
        // A finished target keeps its own metrics; an unfinished shard run adds none to it.
        if action != .unfinishedKept {
            for metric in metrics {
                let present = try MetricRecord.filter(Column("runId") == targetId && Column("name") == metric.name
                                                          && Column("protocol") == metric.protocolName).fetchCount(db) > 0
                if present { continue }
                var copy = metric
                copy.id = nil
                copy.runId = targetId
                try copy.insert(db)
                copied += 1
            }
            for artefact in artefacts {
                let present = try ArtefactRecord.filter(Column("runId") == targetId && Column("kind") == artefact.kind.rawValue
                                                            && Column("path") == artefact.path).fetchCount(db) > 0
                if present { continue }
                var copy = artefact
                copy.id = nil
                copy.runId = targetId
                try copy.insert(db)
            }
        }
        return .init(shardRunId: run.id!, targetRunId: targetId, method: run.method, variant: run.variant, seed: run.seed,
                     configHash: run.configHash, status: run.status, statusMessage: run.statusMessage, action: action,
                     metricsCopied: copied)
    }
}
