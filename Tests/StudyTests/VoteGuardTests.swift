import Foundation
import ResultsStore
import Study
import Testing

/// The store-side guards every vote passes (the server relies on them): known, unrevoked token; a pair
/// shown to that token; one vote per pair. A refused vote writes nothing.
@Suite struct VoteGuardTests {
    @Test func refusedVotesWriteNothing() throws {
        let dir = try TemporaryDirectory()
        let (database, _, _) = try SyntheticTranslations.study(faces: 1, pairsPerRater: 4, in: dir)
        let invitations = try RaterInvitations.invite(study: "table1", count: 2, database: database)
        #expect(invitations.map(\.name) == ["rater-01", "rater-02"])
        #expect(invitations.allSatisfy { $0.token.count == 64 })
        #expect(invitations[0].link(base: "http://127.0.0.1:8080/") == "http://127.0.0.1:8080/r/\(invitations[0].token)")
        let raters = try database.studyRaters("table1")
        #expect(raters.allSatisfy { $0.kind == .person && $0.tokenHash?.count == 64 })
        #expect(!raters.contains { $0.tokenHash == invitations[0].token }, "the token itself must not be stored")

        let hash = RaterInvitations.tokenHash(invitations[0].token)
        let first = try #require(raters.first { $0.name == "rater-01" })
        let assigned = try database.studyAssignments(raterId: first.id!)
        #expect(assigned.count == 4)
        let pages = try database.studyPages("table1")
        let mine = try #require(pages.first { $0.item.id == assigned[0] }).page.blindID
        let notMine = try #require(pages.first { !assigned.contains($0.item.id!) }).page.blindID

        func refused(_ expected: StudyVoteRefusal, token: String = hash, blindID: String) {
            #expect(throws: expected) { try database.recordAssignedVote(tokenHash: token, blindID: blindID, preferred: .a, timeOnPageMs: 10) }
        }
        refused(.unknownToken, token: RaterInvitations.tokenHash("nobody"), blindID: mine)
        refused(.pairNotShown(notMine), blindID: notMine)
        refused(.pairNotShown("../../etc/passwd"), blindID: "../../etc/passwd")
        #expect(try database.preferenceVotes(study: "table1").isEmpty)

        let vote = try database.recordAssignedVote(tokenHash: hash, blindID: mine, preferred: .b, timeOnPageMs: 1234)
        #expect(vote.rater == "rater-01" && vote.timeOnPageMs == 1234 && vote.itemId == assigned[0])
        refused(.alreadyVoted(mine), blindID: mine)
        #expect(try database.revokeStudyRater(study: "table1", name: "rater-01"))
        #expect(try !database.revokeStudyRater(study: "table1", name: "rater-01"))
        let next = try #require(pages.first { $0.item.id == assigned[1] }).page.blindID
        refused(.revokedToken, blindID: next)
        #expect(try database.preferenceVotes(study: "table1").count == 1)
        #expect(try database.studyVotes(rater: "rater-01", study: "table1")[assigned[0]]?.preferred == .b)
    }
}
