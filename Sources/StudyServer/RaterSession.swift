import Foundation
import ResultsStore
import Study

/// What the page needs about one rater: their assigned pairs in order, the votes cast, the next pair.
/// Read from the store on every request, so a reload (or a second tab) resumes where the rater left off.
struct RaterSession: Sendable {
    struct Pair: Codable, Sendable, Equatable {
        let id: String
        let target: String
        let input: String
        let left: String
        let right: String
    }

    struct State: Codable, Sendable, Equatable {
        let done: Int
        let total: Int
        let pair: Pair?
    }

    let rater: StudyRaterRecord
    let tokenHash: String
    let pages: [StudyPageItem]
    let votedItems: Set<Int64>

    /// Finds the rater of a token; nil (not an error) when the token is unknown.
    static func load(token: String, database: ResultsDatabase) throws -> RaterSession? {
        guard Self.isWellFormed(token: token) else { return nil }
        let hash = RaterInvitations.tokenHash(token)
        guard let rater = try database.studyRater(tokenHash: hash), rater.kind == .person else { return nil }
        let order = try database.studyAssignments(raterId: rater.id!)
        let byItem = Dictionary(uniqueKeysWithValues: try database.studyPages(rater.study).map { ($0.item.id!, $0) })
        let voted = Set(try database.studyVotes(rater: rater.name, study: rater.study).keys)
        return RaterSession(rater: rater, tokenHash: hash, pages: order.compactMap { byItem[$0] }, votedItems: voted)
    }

    /// Tokens are 64 lowercase hex digits (`RaterInvitations`); anything else is refused before the store.
    static func isWellFormed(token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    func state(imagePrefix: String) -> State {
        let next = pages.first { !votedItems.contains($0.item.id!) }
        return State(done: votedItems.count, total: pages.count, pair: next.map { entry in
            Pair(id: entry.page.blindID, target: entry.page.targetDescription, input: imagePrefix + entry.page.inputImage,
                 left: imagePrefix + entry.item.imageA, right: imagePrefix + entry.item.imageB)
        })
    }

    /// Whether `fileName` is an image of one of this rater's pairs (the only files served to them).
    func mayView(_ fileName: String) -> Bool {
        pages.contains { [$0.page.inputImage, $0.item.imageA, $0.item.imageB].contains(fileName) }
    }
}
