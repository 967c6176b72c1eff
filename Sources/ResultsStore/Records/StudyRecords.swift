import Foundation
import GRDB

/// One user-study comparison (paper §4.1, Table 1): the outputs of two methods for the same input face
/// and target domain, shown side by side. `attributeGroups` are the groups the edit changes (an image
/// with two altered attributes counts for both).
public struct StudyItemRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "studyItem"

    public var id: Int64?
    public var study: String
    public var inputID: String
    public var attributeGroupsJSON: String
    public var methodA: String
    public var methodB: String
    public var runAId: Int64?
    public var runBId: Int64?
    public var imageA: String
    public var imageB: String
    public var createdAt: Date

    public init(study: String, inputID: String, attributeGroups: [String], methodA: String, methodB: String,
                runAId: Int64? = nil, runBId: Int64? = nil, imageA: String, imageB: String,
                createdAt: Date = Date()) throws {
        guard !attributeGroups.isEmpty else { throw StoreError.invalidInput("study item \(inputID) names no attribute group") }
        guard methodA != methodB else { throw StoreError.invalidInput("study item \(inputID) compares \(methodA) with itself") }
        self.study = study
        self.inputID = inputID
        self.attributeGroupsJSON = try CanonicalJSON.encode(attributeGroups.sorted())
        self.methodA = methodA
        self.methodB = methodB
        self.runAId = runAId
        self.runBId = runBId
        self.imageA = imageA
        self.imageB = imageB
        self.createdAt = createdAt
    }

    public func attributeGroups() throws -> [String] {
        try JSONColumn.decode([String].self, from: attributeGroupsJSON,
                              what: "the attribute groups of study item \(id.map(String.init) ?? "?")")
    }
}

/// One rater's choice on one study item.
public struct StudyVoteRecord: Codable, Sendable, Equatable, FetchableRecord, AutoIncrementedRecord {
    public static let databaseTableName = "studyVote"

    public enum Choice: String, Codable, Sendable {
        case a, b
    }

    public var id: Int64?
    public var itemId: Int64
    public var rater: String
    public var preferred: Choice
    public var votedAt: Date
    /// How long the page was shown before the vote (schema v2; nil for simulated raters and older votes).
    public var timeOnPageMs: Int64?

    public init(itemId: Int64, rater: String, preferred: Choice, votedAt: Date = Date(), timeOnPageMs: Int64? = nil) {
        self.itemId = itemId
        self.rater = rater
        self.preferred = preferred
        self.votedAt = votedAt
        self.timeOnPageMs = timeOnPageMs
    }
}
