import Foundation
import GRDB

/// Metrics measured after training (`evaluate`): a finished run gains its Table 2/3 numbers later,
/// one evaluator at a time, so a rerun can skip what is already stored.
extension ResultsDatabase {
    /// Adds metrics to a finished run, in one transaction. A (name, protocol) the run already has is an
    /// error (`hasMetric` first to skip done work).
    public func recordEvaluationMetrics(run id: Int64, _ metrics: [MetricValue], now: Date = Date()) throws {
        try writing { db in
            guard let run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.unknownRun(id) }
            guard run.status == .finished else {
                throw StoreError.wrongRunState(run: id, status: run.status.rawValue, expected: RunStatus.finished.rawValue)
            }
            try Self.insert(metrics, run: id, now: now, db: db)
        }
    }

    /// Whether run `id` has a metric `name` recorded under `protocolName`.
    public func hasMetric(run id: Int64, name: String, protocolName: String) throws -> Bool {
        try reading { db in
            try MetricRecord.filter(Column("runId") == id && Column("name") == name && Column("protocol") == protocolName)
                .fetchCount(db) > 0
        }
    }
}
