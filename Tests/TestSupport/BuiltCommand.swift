import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a built command to completion, bounded by a deadline (never by luck), with stdout and stderr
/// captured in `log`. The environment marks the code version "tests" and uses 2 threads; `extra`
/// adds to it (kill switches, overrides).
public enum BuiltCommand {
    public struct Outcome {
        public let status: Int32
        public let killedBySignal: Bool
        public let output: String
    }

    public static func run(_ executable: URL, _ arguments: [String], log: URL, environment extra: [String: String] = [:],
                           seconds: Double = 300) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HARNESS_CODE_VERSION"] = "tests"
        environment["HARNESS_THREADS"] = "2"
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TestFailure(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish in \(seconds) s")
        }
        process.waitUntilExit()
        try handle.close()
        return Outcome(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                       output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
