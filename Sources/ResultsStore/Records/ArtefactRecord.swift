import Foundation
import GRDB

/// A file a run produced: a checkpoint, a sample grid, or something else worth finding again.
public struct ArtefactRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "artefact"

    public enum Kind: String, Codable, Sendable {
        case checkpoint, sampleGrid, other
    }

    public var id: Int64?
    public var runId: Int64
    public var kind: Kind
    /// Path relative to the repository root (or absolute).
    public var path: String
    public var sha256: String?
    public var byteCount: Int?
    public var note: String?
    public var createdAt: Date

    public init(runId: Int64, kind: Kind, path: String, sha256: String? = nil, byteCount: Int? = nil,
                note: String? = nil, createdAt: Date = Date()) {
        self.runId = runId
        self.kind = kind
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
        self.note = note
        self.createdAt = createdAt
    }
}
