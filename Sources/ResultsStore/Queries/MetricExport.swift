import Foundation
import GRDB

/// `report export`: every stored metric as one row with its run's configuration, for papers and pandas.
/// Long format (one row per run and metric) so a new metric or protocol never changes the columns.
public enum MetricExport {
    /// The columns, in order. `evaluator_hash` is the 12-hex-digit evaluator hash the protocol names
    /// (e.g. `attribute-classifier/3f2a…`), empty when the protocol names none.
    public static let columns = ["run_id", "method", "variant", "dataset", "profile", "seed", "status", "config_hash",
                                 "code_version", "metric", "protocol", "evaluator_hash", "value", "sample_count", "recorded_at"]

    /// Rows in a stable order: method, variant, dataset, profile, seed, run id, metric, protocol.
    public static func rows(in database: ResultsDatabase) throws -> [[String]] {
        let sql = """
            SELECT run.id, run.method, run.variant, run.dataset, run.profile, run.seed, run.status, run.configHash,
                   run.codeVersion, metric.name, metric.protocol, metric.value, metric.sampleCount, metric.recordedAt
            FROM metric JOIN run ON run.id = metric.runId
            ORDER BY run.method, run.variant, run.dataset, run.profile, run.seed, run.id, metric.name, metric.protocol
            """
        return try database.reading { db in
            try Row.fetchAll(db, sql: sql).map { row -> [String] in
                let protocolName: String = row[10]
                let value: Double = row[11]
                let recordedAt: Date = row[13]
                return [String(row[0] as Int64), row[1], row[2], row[3], row[4], String(row[5] as Int), row[6], row[7], row[8],
                        row[9], protocolName, evaluatorHash(inProtocol: protocolName), exactDecimal(value),
                        String(row[12] as Int), timestamp(recordedAt)]
            }
        }
    }

    /// RFC 4180 CSV (quoting §2.5–2.7) with `\n` line ends like the tables' CSV: a header line, fields quoted only when they must be.
    public static func csv(rows: [[String]]) -> String {
        ([columns] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a comma, quote or line break; quotes doubled (RFC 4180 §2.6–2.7).
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The first path segment of a protocol that is exactly 12 lower-case hex digits (evaluators put
    /// the prefix of their configuration hash there), or "".
    public static func evaluatorHash(inProtocol protocolName: String) -> String {
        protocolName.split(separator: "/").first { segment in
            segment.count == 12 && segment.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }.map(String.init) ?? ""
    }

    /// The shortest decimal that reads back as the same Double (Swift's description), so no digit is lost.
    static func exactDecimal(_ value: Double) -> String { "\(value)" }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
