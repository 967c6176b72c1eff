import Foundation
import GRDB

/// One user-study vote seen from BiL-GAN's side: which baseline it was compared with, in which attribute
/// groups, by whom, and whether BiL-GAN won.
public struct PreferenceVote: Sendable, Equatable {
    public let study: String
    public let rater: String
    public let opponent: String
    public let attributeGroups: [String]
    public let preferredSubject: Bool
    /// The rater's kind from `studyRater` (schema v2); nil for votes of raters recorded without one.
    public var raterKind: StudyRaterRecord.Kind? = nil
}

extension ResultsDatabase {
    /// Votes on items that compare `subject` (BiL-GAN) with another method, optionally of one study.
    public func preferenceVotes(subject: String = MethodKey.bilgan, study: String? = nil) throws -> [PreferenceVote] {
        var sql = """
            SELECT studyItem.id AS itemId, studyItem.study, studyItem.attributeGroupsJSON, studyItem.methodA,
                   studyItem.methodB, studyVote.rater, studyVote.preferred, studyRater.kind AS raterKind
            FROM studyVote JOIN studyItem ON studyItem.id = studyVote.itemId
            LEFT JOIN studyRater ON studyRater.study = studyItem.study AND studyRater.name = studyVote.rater
            WHERE (studyItem.methodA = ? OR studyItem.methodB = ?)
            """
        var arguments: StatementArguments = [subject, subject]
        if let study {
            sql += " AND studyItem.study = ?"
            arguments += [study]
        }
        sql += " ORDER BY studyVote.id"
        return try reading { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let methodA: String = row["methodA"], methodB: String = row["methodB"]
                let preferred: String = row["preferred"]
                let groupsText: String = row["attributeGroupsJSON"]
                let groups = try JSONColumn.decode([String].self, from: groupsText,
                                                   what: "the attribute groups of study item \(row["itemId"] as Int64)")
                let subjectIsA = methodA == subject
                let kind: String? = row["raterKind"]
                return PreferenceVote(study: row["study"], rater: row["rater"], opponent: subjectIsA ? methodB : methodA,
                                      attributeGroups: groups, preferredSubject: (preferred == "a") == subjectIsA,
                                      raterKind: kind.flatMap(StudyRaterRecord.Kind.init(rawValue:)))
            }
        }
    }
}
