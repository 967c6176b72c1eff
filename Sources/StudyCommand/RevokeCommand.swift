import ArgumentParser
import ResultsStore

/// `study revoke`: a rater's link stops working; votes already cast stay.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a rater's link (its votes so far are kept).")

    @OptionGroup var options: StudyOptions

    @Argument(help: "Rater name as printed by `study invite` (rater-01, …).")
    var rater: String

    func run() throws {
        let database = try ResultsDatabase(path: options.database)
        let changed = try database.revokeStudyRater(study: options.study, name: rater)
        print(changed ? "study: revoked \(rater) of \(options.study)" : "study: \(rater) of \(options.study) was already revoked")
    }
}
