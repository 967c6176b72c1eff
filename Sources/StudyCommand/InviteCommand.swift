import ArgumentParser
import Foundation
import ResultsStore
import Study

/// `study invite`: links for people raters.
struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Create rater links (each with its own balanced set of pairs); the tokens are printed once.")

    @OptionGroup var options: StudyOptions

    @Option(help: "How many raters to invite.")
    var count: Int

    @Option(help: "Address the rating page is served at, used in the printed links.")
    var baseURL: String = "http://127.0.0.1:8080"

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
    }

    func run() throws {
        let database = try ResultsDatabase(path: options.database)
        for invitation in try RaterInvitations.invite(study: options.study, count: count, database: database) {
            print("\(invitation.name)\t\(invitation.link(base: baseURL))")
        }
    }
}
