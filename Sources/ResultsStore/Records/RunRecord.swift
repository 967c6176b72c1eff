import Foundation
import GRDB

/// Where a run is in its life. A run is `finished` only together with its final metrics, in one
/// transaction; a process that dies leaves it `running` until `abandonStaleRuns` marks it `abandoned`.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, finished, failed, abandoned
}

/// One training-and-evaluation run of one method variant on one dataset, profile and seed.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "run"

    public var id: Int64?
    public var method: String
    public var variant: String
    public var dataset: String
    public var profile: String
    public var seed: Int
    /// The full configuration, canonical JSON (`CanonicalJSON`).
    public var configJSON: String
    /// SHA-256 of `configJSON`.
    public var configHash: String
    /// `git describe --always --dirty` (or a commit) of the code that ran, given by the caller.
    public var codeVersion: String
    public var status: RunStatus
    public var statusMessage: String?
    public var host: String
    public var processID: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
}

/// What identifies a run before it starts: method, variant, dataset, profile, seed, configuration and
/// code version. The configuration is stored canonically so that its hash names it.
public struct RunDescription: Sendable, Equatable {
    public let method: String
    public let variant: String
    public let dataset: String
    public let profile: String
    public let seed: Int
    public let configJSON: String
    public let codeVersion: String

    /// From a Codable configuration (the usual case).
    public init<Config: Encodable>(method: String, variant: String, dataset: String, profile: String, seed: Int,
                                   config: Config, codeVersion: String) throws {
        try self.init(method: method, variant: variant, dataset: dataset, profile: profile, seed: seed,
                      canonicalConfigJSON: CanonicalJSON.encode(config), codeVersion: codeVersion)
    }

    /// From JSON text, which is brought to canonical form.
    public init(method: String, variant: String, dataset: String, profile: String, seed: Int,
                configJSON: String, codeVersion: String) throws {
        try self.init(method: method, variant: variant, dataset: dataset, profile: profile, seed: seed,
                      canonicalConfigJSON: CanonicalJSON.canonicalize(configJSON), codeVersion: codeVersion)
    }

    private init(method: String, variant: String, dataset: String, profile: String, seed: Int,
                 canonicalConfigJSON: String, codeVersion: String) throws {
        for (field, value) in [("method", method), ("variant", variant), ("dataset", dataset), ("profile", profile),
                               ("code version", codeVersion)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput("a run needs a non-empty \(field)")
        }
        self.method = method
        self.variant = variant
        self.dataset = dataset
        self.profile = profile
        self.seed = seed
        self.configJSON = canonicalConfigJSON
        self.codeVersion = codeVersion
    }

    public var configHash: String { CanonicalJSON.hash(configJSON) }
}
