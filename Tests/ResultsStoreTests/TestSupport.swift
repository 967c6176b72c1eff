import Foundation
import ResultsStore
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("results-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// The `report` executable built beside the test binary (`swift test` builds every product into the same
/// folder). `REPORT_EXECUTABLE` overrides the location.
enum ReportExecutable {
    static func url() throws -> URL {
        try BuiltProducts.executable("report", overrideVariable: "REPORT_EXECUTABLE")
    }

    /// Starts `report` with `arguments`; its output goes to files in `directory` (no pipe can fill up).
    static func start(_ arguments: [String], logIn directory: TemporaryDirectory, name: String) throws -> Process {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        let log = directory.path("\(name).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func log(_ name: String, in directory: TemporaryDirectory) -> String {
        (try? String(contentsOfFile: directory.path("\(name).log"), encoding: .utf8)) ?? ""
    }
}

/// Polls `condition` every 10 ms for at most `seconds`.
func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
