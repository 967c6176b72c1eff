import Foundation
import ResultsStore

/// A person's link to the rating page. The token is shown once; the store keeps only its SHA-256.
public struct RaterInvitation: Sendable, Equatable {
    public let name: String
    public let token: String

    public func link(base: String) -> String { base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/r/" + token }
}

/// `study invite` / `study revoke`: people raters with their balanced assignments.
public enum RaterInvitations {
    /// Tokens are secrets, not experimental choices, so they come from the system's cryptographic
    /// generator rather than a seed; which pairs a rater sees still follows the study seed.
    public static func invite(study: String, count: Int, database: ResultsDatabase) throws -> [RaterInvitation] {
        guard count > 0 else { throw StudyError.invalidStudy("--count must be positive, got \(count)") }
        guard let plan = try database.studyPlan(study) else {
            throw StudyError.invalidStudy("no study named \(study) in \(database.path): build it first with `study pairs`")
        }
        let candidates = try database.studyPages(study).map { try StudySimulation.candidate($0, subject: plan.subject) }
        var invitations = [RaterInvitation]()
        for _ in 0..<count {
            let index = try database.studyRaters(study).count
            let people = try database.studyRaters(study).filter { $0.kind == .person }.count
            var generator = SystemRandomNumberGenerator()
            let token = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
            let name = String(format: "rater-%02d", people + 1)
            let assigned = BalancedAssignment.choose(from: candidates, budget: plan.pairsPerRater, seed: plan.seedValue, rater: index)
            try database.addStudyRater(StudyRaterRecord(study: study, name: name, kind: .person, tokenHash: tokenHash(token)),
                                       assignedItems: assigned)
            invitations.append(RaterInvitation(name: name, token: token))
        }
        return invitations
    }

    public static func tokenHash(_ token: String) -> String { SHA256.hexDigest(Array(token.utf8)) }
}
