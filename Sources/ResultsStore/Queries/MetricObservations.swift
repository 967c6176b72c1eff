import Foundation
import GRDB

/// One metric value of one finished run, with the run's identity: the raw material of Tables 2 and 3.
public struct MetricObservation: Sendable, Equatable {
    public let runId: Int64
    public let method: String
    public let variant: String
    public let dataset: String
    public let profile: String
    public let seed: Int
    public let finishedAt: Date
    public let name: String
    public let protocolName: String
    public let value: Double
    public let sampleCount: Int
    public let breakdown: [String: BreakdownEntry]?
}

/// Which runs a table draws on. nil = not restricted.
public struct RunFilter: Sendable, Equatable {
    public var dataset: String?
    public var profile: String?
    /// Metric name → protocol to use when a metric was recorded under several.
    public var protocols: [String: String]

    public init(dataset: String? = nil, profile: String? = nil, protocols: [String: String] = [:]) {
        self.dataset = dataset
        self.profile = profile
        self.protocols = protocols
    }
}

extension ResultsDatabase {
    /// Metrics named `names` of `finished` runs passing `filter` (failed, abandoned and running runs never
    /// count), ordered by run then metric.
    public func finishedObservations(metricNames names: Set<String>, filter: RunFilter) throws -> [MetricObservation] {
        guard !names.isEmpty else { return [] }
        var sql = """
            SELECT run.id AS runId, run.method, run.variant, run.dataset, run.profile, run.seed, run.finishedAt,
                   metric.name, metric.protocol, metric.value, metric.sampleCount, metric.breakdownJSON
            FROM metric JOIN run ON run.id = metric.runId
            WHERE run.status = 'finished' AND metric.name IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """
        var arguments = StatementArguments(names.sorted())
        if let dataset = filter.dataset {
            sql += " AND run.dataset = ?"
            arguments += [dataset]
        }
        if let profile = filter.profile {
            sql += " AND run.profile = ?"
            arguments += [profile]
        }
        sql += " ORDER BY run.id, metric.id"
        return try reading { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let breakdownText: String? = row["breakdownJSON"]
                let breakdown = try breakdownText.map {
                    try JSONColumn.decode([String: BreakdownEntry].self, from: $0,
                                          what: "the breakdown of run \(row["runId"] as Int64), metric \(row["name"] as String)")
                }
                return MetricObservation(
                    runId: row["runId"], method: row["method"], variant: row["variant"], dataset: row["dataset"],
                    profile: row["profile"], seed: row["seed"], finishedAt: row["finishedAt"], name: row["name"],
                    protocolName: row["protocol"], value: row["value"], sampleCount: row["sampleCount"], breakdown: breakdown)
            }
        }
    }
}
