import Foundation
import TestSupport
import Testing

/// The built commands refuse out-of-range numeric flags with exit code 64 (ArgumentParser's
/// validation failure) and a message naming the flag, before doing any work (issue 8). Each of these
/// values trapped, divided by zero or tried a multi-gigabyte allocation before.
@Suite struct CommandRejectionTests {
    /// A product built beside the test binary.
    static func executable(_ name: String) throws -> URL { try BuiltProducts.executable(name) }

    struct CommandFailure: Error, CustomStringConvertible { let description: String }

    /// Runs a command with a bounded wait (killed after 60 s); returns its exit status and output.
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try executable(name)
        process.arguments = arguments
        process.currentDirectoryURL = scratch   // a command that wrongly starts work writes here, not in the repo
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    static let rejected: [(command: String, arguments: [String], mentions: String)] = [
        ("synthfaces", ["generate", "--scale", "inf", "--quiet"], "--scale"),
        ("synthfaces", ["generate", "--scale", "1e300", "--quiet"], "--scale"),
        ("synthfaces", ["generate", "--scale", "1e6", "--quiet"], "--scale"),
        ("synthfaces", ["generate", "--scale", "5", "--quiet"], "Multi-PIE subjects"),
        ("synthfaces", ["generate", "--multipie-illuminations", "3,x", "--quiet"], "--multipie-illuminations"),
        ("synthfaces", ["generate", "--multipie-illuminations", "3,6,3", "--quiet"], "twice"),
        ("synthfaces", ["generate", "--threads", "0", "--quiet"], "--threads"),
        ("synthfaces", ["render", "--index", "-1"], "--index"),
        ("synthfaces", ["render", "--size", "-5"], "--size"),
        ("synthfaces", ["render", "--size", "100000"], "--size"),
        ("synthfaces", ["bench", "--count", "-1"], "--count"),
        ("synthfaces", ["bench", "--sizes", "-8"], "--sizes"),
        ("synthfaces", ["bench", "--sizes", "abc"], "--sizes"),
        ("synthfaces", ["bench", "--supersampling", "0"], "--supersampling"),
        ("synthfaces", ["contact-sheet", "--identities", "100000000"], "--identities"),
        ("tensor-bench", ["--profile-conv", "0,0,0,0,0,0,0,0"], "--profile-conv"),
        ("tensor-bench", ["--profile-conv", "1,1,8,8,1,3,0,1"], "--profile-conv s"),
        ("tensor-bench", ["--profile-conv", "1,1,4,4,1,9,1,0"], "larger than the padded input"),
        ("tensor-bench", ["--profile-conv", "1,1,4,4"], "8 integers"),
        ("tensor-bench", ["--profile-conv", "64,4096,4096,4096,1,1,1,0"], "2^28"),
        ("tensor-bench", ["--repeats", "0"], "--repeats"),
        ("tensor-bench", ["--training-profile", "nope"], "--training-profile: profile 'nope' not found"),
        ("tensor-bench", ["--memory-profile", "/nonexistent/p.json"], "--memory-profile"),
        ("tensor-bench", ["--memory-child", "bogus"], "no training row 'bogus' (rows: stargan, cyclegan, icgan)"),
        ("tensor-bench", ["--only", "speed"], "--only"),
        ("tensor-bench", ["--only", "evaluator"], "'bilgan' or 'evaluators'"),
        ("report", ["abandon-stale", "--older-than", "inf"], "--older-than"),
    ]

    @Test(arguments: rejected.indices)
    func outOfRangeFlagIsAValidationError(case index: Int) throws {
        let (command, arguments, mentions) = Self.rejected[index]
        let (status, output) = try Self.run(command, arguments)
        #expect(status == 64 && output.contains(mentions), "\(command) \(arguments.joined(separator: " ")) → \(status): \(output)")
    }
}
