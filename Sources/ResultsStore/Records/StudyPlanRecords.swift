import Foundation
import GRDB

/// How a user study was built (schema v2): the seed that shuffled sides and order, the methods, the
/// translation manifests it read (with their SHA-256), the study folder and the per-rater budget.
public struct StudyPlanRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "studyPlan"

    public var id: Int64?
    public var study: String
    public var seed: Int64
    public var subject: String
    public var opponentsJSON: String
    /// Canonical JSON of `[manifest path: sha256]`.
    public var manifestsJSON: String
    public var folder: String
    public var pairsPerRater: Int
    public var createdAt: Date

    public init(study: String, seed: UInt64, subject: String, opponents: [String], manifests: [String: String],
                folder: String, pairsPerRater: Int, createdAt: Date = Date()) throws {
        guard !study.isEmpty else { throw StoreError.invalidInput("a study needs a name") }
        guard pairsPerRater > 0 else { throw StoreError.invalidInput("study \(study): pairs per rater must be positive, got \(pairsPerRater)") }
        self.study = study
        self.seed = Int64(bitPattern: seed)
        self.subject = subject
        self.opponentsJSON = try CanonicalJSON.encode(opponents)
        self.manifestsJSON = try CanonicalJSON.encode(manifests)
        self.folder = folder
        self.pairsPerRater = pairsPerRater
        self.createdAt = createdAt
    }

    public var seedValue: UInt64 { UInt64(bitPattern: seed) }
}

/// What a rater's page shows for one study item: opaque names only. The methods behind the left (A) and
/// right (B) images stay in `studyItem`, which is never served.
public struct StudyPageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "studyPage"

    public var itemId: Int64
    public var study: String
    /// Random hex id used in URLs and file names.
    public var blindID: String
    /// File name of the input face inside the study's served image folder.
    public var inputImage: String
    /// The target in words ("blond hair, older").
    public var targetDescription: String
    /// Canonical JSON of the target labels (`{"Blond_Hair": true}`).
    public var targetLabelsJSON: String
    /// Path (relative to the study folder, outside the served folder) of the renderer's ground truth.
    public var groundTruthImage: String?

    public init(itemId: Int64, study: String, blindID: String, inputImage: String, targetDescription: String,
                targetLabels: [String: Bool], groundTruthImage: String?) throws {
        self.itemId = itemId
        self.study = study
        self.blindID = blindID
        self.inputImage = inputImage
        self.targetDescription = targetDescription
        self.targetLabelsJSON = try CanonicalJSON.encode(targetLabels)
        self.groundTruthImage = groundTruthImage
    }
}

/// A rater of a study: a person with a link (only the SHA-256 of the token is stored) or a simulated
/// rater with its model. Tables name the kind; simulated raters are never reported as people.
public struct StudyRaterRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "studyRater"

    public enum Kind: String, Codable, Sendable {
        case person, simulated
    }

    public var id: Int64?
    public var study: String
    public var name: String
    public var kind: Kind
    public var tokenHash: String?
    /// For simulated raters: the canonical JSON of their distance and noise model.
    public var modelJSON: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(study: String, name: String, kind: Kind, tokenHash: String? = nil, modelJSON: String? = nil,
                createdAt: Date = Date()) {
        self.study = study
        self.name = name
        self.kind = kind
        self.tokenHash = tokenHash
        self.modelJSON = modelJSON
        self.createdAt = createdAt
        self.revokedAt = nil
    }
}

/// Item `itemId` is the `position`-th page rater `raterId` sees.
public struct StudyAssignmentRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "studyAssignment"

    public var id: Int64?
    public var raterId: Int64
    public var itemId: Int64
    public var position: Int

    public init(raterId: Int64, itemId: Int64, position: Int) {
        self.raterId = raterId
        self.itemId = itemId
        self.position = position
    }
}
