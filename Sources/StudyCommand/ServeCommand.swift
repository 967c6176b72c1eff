import ArgumentParser
import Foundation
import ResultsStore
import StudyServer

/// `study serve`: the rating page for people raters.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the rating page; raters open the links printed by `study invite`. Stop with Ctrl-C.",
        discussion: "Routes and safety properties: docs/study.md \"The rating page\".")

    @OptionGroup var options: StudyOptions

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: the network).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one; the bound port is printed).")
    var port: Int = 8080

    @Option(help: "Study folder (the one given to `study pairs --folder`), when it moved since; default: as recorded in the store.")
    var studyDir: String?

    /// What the command prints once listening; tests and scripts read the port from it.
    static func servingLine(study: String, host: String, port: Int) -> String {
        "study: serving \(study) at http://\(host):\(port)/r/<token> (Ctrl-C stops)\n"
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: options.database) else {
            throw ServeFailure(description: "no results database at \(options.database) (--database); build a study with `study pairs` first")
        }
        let server = try StudyServer(database: try ResultsDatabase(path: options.database), study: options.study,
                                     folder: studyDir.map { URL(fileURLWithPath: $0) })
        let study = options.study, host = self.host
        do {
            try await server.run(host: host, port: port, stopOnSignals: true) { port in
                // FileHandle writes unbuffered: a pipe reader sees the port at once.
                FileHandle.standardOutput.write(Data(Self.servingLine(study: study, host: host, port: port).utf8))
            }
        } catch {
            throw ServeFailure(description: "cannot serve on \(host):\(port) (--host, --port): \(error)")
        }
    }
}

/// A serve failure worded for the operator (ArgumentParser prints it as "Error: …").
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
}
