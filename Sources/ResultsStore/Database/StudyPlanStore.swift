import Foundation
import GRDB

/// A study item together with its blinded page.
public struct StudyPageItem: Sendable, Equatable {
    public let item: StudyItemRecord
    public let page: StudyPageRecord
}

/// Why a rater's vote was refused (the server answers each with a 4xx and writes nothing).
public enum StudyVoteRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownToken
    case revokedToken
    case pairNotShown(String)
    case alreadyVoted(String)

    public var description: String {
        switch self {
        case .unknownToken: return "unknown rater token"
        case .revokedToken: return "this rater link has been revoked"
        case let .pairNotShown(id): return "pair \(id) is not one of this rater's pairs"
        case let .alreadyVoted(id): return "this rater has already voted on pair \(id)"
        }
    }
}

/// Writing and reading a user study's plan, pages, raters and assignments (schema v2).
extension ResultsDatabase {
    /// Records the plan and all its items with their pages in one transaction; a study name is used once.
    public func recordStudyPlan(_ plan: StudyPlanRecord, items: [(item: StudyItemRecord, page: StudyPageRecord)]) throws {
        try pool.write { db in
            guard try StudyPlanRecord.filter(Column("study") == plan.study).fetchCount(db) == 0 else {
                throw StoreError.invalidInput("a study named \(plan.study) exists already; choose another --study name")
            }
            var planRecord = plan
            try planRecord.insert(db)
            for (item, page) in items {
                var itemRecord = item
                try itemRecord.insert(db)
                var pageRecord = page
                pageRecord.itemId = itemRecord.id!
                try pageRecord.insert(db)
            }
        }
    }

    public func studyPlan(_ study: String) throws -> StudyPlanRecord? {
        try pool.read { db in try StudyPlanRecord.filter(Column("study") == study).fetchOne(db) }
    }

    /// Every item of `study` with its page, in item order.
    public func studyPages(_ study: String) throws -> [StudyPageItem] {
        try pool.read { db in
            let pages = try StudyPageRecord.filter(Column("study") == study).order(Column("itemId")).fetchAll(db)
            let items = Dictionary(uniqueKeysWithValues: try StudyItemRecord.filter(Column("study") == study).fetchAll(db).map { ($0.id!, $0) })
            return try pages.map { page in
                guard let item = items[page.itemId] else { throw StoreError.invalidInput("study page \(page.blindID) has no item") }
                return StudyPageItem(item: item, page: page)
            }
        }
    }

    /// Adds a rater and the items they will see, in order, in one transaction; returns the rater's id.
    @discardableResult
    public func addStudyRater(_ rater: StudyRaterRecord, assignedItems: [Int64]) throws -> Int64 {
        try pool.write { db in
            guard try StudyPlanRecord.filter(Column("study") == rater.study).fetchCount(db) == 1 else {
                throw StoreError.invalidInput("no study named \(rater.study): build it first with `study pairs`")
            }
            guard try StudyRaterRecord.filter(Column("study") == rater.study && Column("name") == rater.name).fetchCount(db) == 0 else {
                throw StoreError.invalidInput("study \(rater.study) already has a rater named \(rater.name)")
            }
            var record = rater
            try record.insert(db)
            for (position, itemId) in assignedItems.enumerated() {
                var assignment = StudyAssignmentRecord(raterId: record.id!, itemId: itemId, position: position)
                try assignment.insert(db)
            }
            return record.id!
        }
    }

    public func studyRaters(_ study: String) throws -> [StudyRaterRecord] {
        try pool.read { db in try StudyRaterRecord.filter(Column("study") == study).order(Column("id")).fetchAll(db) }
    }

    public func studyRater(tokenHash: String) throws -> StudyRaterRecord? {
        try pool.read { db in try StudyRaterRecord.filter(Column("tokenHash") == tokenHash).fetchOne(db) }
    }

    /// Revokes a person's link: later requests with its token are refused. Returns false if already revoked.
    @discardableResult
    public func revokeStudyRater(study: String, name: String, at date: Date = Date()) throws -> Bool {
        try pool.write { db in
            guard var rater = try StudyRaterRecord.filter(Column("study") == study && Column("name") == name).fetchOne(db) else {
                throw StoreError.invalidInput("study \(study) has no rater named \(name)")
            }
            guard rater.revokedAt == nil else { return false }
            rater.revokedAt = date
            try rater.update(db)
            return true
        }
    }

    /// The item ids assigned to a rater, in page order.
    public func studyAssignments(raterId: Int64) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT itemId FROM studyAssignment WHERE raterId = ? ORDER BY position", arguments: [raterId])
        }
    }

    /// The votes a rater has cast, by item id.
    public func studyVotes(rater: String, study: String) throws -> [Int64: StudyVoteRecord] {
        try pool.read { db in
            let votes = try StudyVoteRecord.fetchAll(db, sql: """
                SELECT studyVote.* FROM studyVote JOIN studyItem ON studyItem.id = studyVote.itemId
                WHERE studyVote.rater = ? AND studyItem.study = ?
                """, arguments: [rater, study])
            return Dictionary(uniqueKeysWithValues: votes.map { ($0.itemId, $0) })
        }
    }

    /// Records the vote of the rater holding `tokenHash` on page `blindID`, checking inside one write
    /// transaction that the token is known and not revoked, that the page was assigned to this rater and
    /// that they have not voted on it yet. Nothing is written when any check fails.
    @discardableResult
    public func recordAssignedVote(tokenHash: String, blindID: String, preferred: StudyVoteRecord.Choice,
                                   timeOnPageMs: Int64?, at date: Date = Date()) throws -> StudyVoteRecord {
        try pool.write { db in
            guard let rater = try StudyRaterRecord.filter(Column("tokenHash") == tokenHash).fetchOne(db) else {
                throw StudyVoteRefusal.unknownToken
            }
            guard rater.revokedAt == nil else { throw StudyVoteRefusal.revokedToken }
            guard let itemId = try Int64.fetchOne(db, sql: """
                SELECT studyPage.itemId FROM studyPage JOIN studyAssignment ON studyAssignment.itemId = studyPage.itemId
                WHERE studyPage.blindID = ? AND studyPage.study = ? AND studyAssignment.raterId = ?
                """, arguments: [blindID, rater.study, rater.id]) else {
                throw StudyVoteRefusal.pairNotShown(blindID)
            }
            guard try StudyVoteRecord.filter(Column("itemId") == itemId && Column("rater") == rater.name).fetchCount(db) == 0 else {
                throw StudyVoteRefusal.alreadyVoted(blindID)
            }
            var vote = StudyVoteRecord(itemId: itemId, rater: rater.name, preferred: preferred, votedAt: date,
                                       timeOnPageMs: timeOnPageMs.map { max(0, $0) })
            try vote.insert(db)
            return vote
        }
    }

    /// Records many votes of one rater in one transaction (simulated raters).
    public func recordVotes(_ votes: [StudyVoteRecord]) throws {
        try pool.write { db in
            for vote in votes {
                var record = vote
                try record.insert(db)
            }
        }
    }
}
