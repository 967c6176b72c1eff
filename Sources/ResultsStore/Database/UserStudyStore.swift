import Foundation
import GRDB

/// Writing the user study: items (pairs shown to raters) and votes.
extension ResultsDatabase {
    @discardableResult
    public func recordStudyItem(_ item: StudyItemRecord) throws -> Int64 {
        try writing { db in
            var record = item
            try record.insert(db)
            return record.id!
        }
    }

    /// Records one vote; a rater votes once per item.
    @discardableResult
    public func recordVote(_ vote: StudyVoteRecord) throws -> Int64 {
        try writing { db in
            guard try StudyItemRecord.fetchOne(db, key: vote.itemId) != nil else {
                throw StoreError.invalidInput("no study item with id \(vote.itemId)")
            }
            var record = vote
            do {
                try record.insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.invalidInput("rater \(vote.rater) has already voted on study item \(vote.itemId)")
            }
            return record.id!
        }
    }
}
