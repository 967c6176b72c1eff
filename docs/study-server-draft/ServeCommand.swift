import ArgumentParser
import ResultsStore
import StudyServer

/// `study serve`: the rating page for people raters.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the rating page; raters open the links printed by `study invite`. Stop with Ctrl-C.")

    @OptionGroup var options: StudyOptions

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: the network).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
    }

    func run() async throws {
        let server = try StudyServer(database: try ResultsDatabase(path: options.database), study: options.study)
        let study = options.study, host = self.host
        try await server.run(host: host, port: port, stopOnSignals: true) { port in
            print("study: serving \(study) at http://\(host):\(port)/r/<token>")
        }
    }
}
