import Foundation
import GRDB

/// One part of a metric's breakdown: a per-attribute error, a per-pose rank-1 rate, …
public struct BreakdownEntry: Codable, Sendable, Equatable {
    public var value: Double
    public var sampleCount: Int?

    public init(value: Double, sampleCount: Int? = nil) {
        self.value = value
        self.sampleCount = sampleCount
    }
}

/// A metric value to record. `protocolName` says how it was computed (feature extractor, resize,
/// normalisation, weights; e.g. "fid/clean-fid/inception-2015-12-05"), because a number without its
/// protocol cannot be compared (pytorch-fid vs clean-fid differ by whole FID points; `evaluators.md` §1.5).
public struct MetricValue: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var sampleCount: Int
    public var protocolName: String
    public var breakdown: [String: BreakdownEntry]?

    public init(name: String, value: Double, sampleCount: Int, protocolName: String,
                breakdown: [String: BreakdownEntry]? = nil) {
        self.name = name
        self.value = value
        self.sampleCount = sampleCount
        self.protocolName = protocolName
        self.breakdown = breakdown
    }

    /// Throws unless the value is storable and meaningful.
    func validated() throws -> MetricValue {
        guard !name.isEmpty, !protocolName.isEmpty else {
            throw StoreError.invalidInput("metric \"\(name)\" needs a name and a protocol (got protocol \"\(protocolName)\")")
        }
        guard value.isFinite else { throw StoreError.invalidInput("metric \(name) is \(value); only finite values are stored") }
        guard sampleCount >= 0 else { throw StoreError.invalidInput("metric \(name) has a negative sample count \(sampleCount)") }
        for (key, entry) in breakdown ?? [:] where !entry.value.isFinite {
            throw StoreError.invalidInput("metric \(name), breakdown \"\(key)\" is \(entry.value); only finite values are stored")
        }
        return self
    }
}

/// A stored metric of one run.
public struct MetricRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "metric"

    public var id: Int64?
    public var runId: Int64
    public var name: String
    public var value: Double
    public var sampleCount: Int
    public var protocolName: String
    public var breakdownJSON: String?
    public var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, runId, name, value, sampleCount, breakdownJSON, recordedAt
        case protocolName = "protocol"
    }

    init(runId: Int64, metric: MetricValue, at date: Date) throws {
        let metric = try metric.validated()
        self.runId = runId
        self.name = metric.name
        self.value = metric.value
        self.sampleCount = metric.sampleCount
        self.protocolName = metric.protocolName
        self.breakdownJSON = try metric.breakdown.map(CanonicalJSON.encode)
        self.recordedAt = date
    }

    /// The breakdown, decoded.
    public func breakdown() throws -> [String: BreakdownEntry]? {
        try breakdownJSON.map {
            try JSONColumn.decode([String: BreakdownEntry].self, from: $0,
                                  what: "the breakdown of metric \(id.map(String.init) ?? "?") (\(name))")
        }
    }
}
