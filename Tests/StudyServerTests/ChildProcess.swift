import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process (chromedriver, `study serve`) whose stdout and stderr are collected as they come, so
/// a test can wait, with a deadline, for the line that says which port it listens on, and stop it with a
/// bounded wait. Every wait polls; none blocks the cooperative pool.
final class ChildProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let name: String
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()   // guarded by `lock`

    init(_ executable: URL, _ arguments: [String]) throws {
        name = executable.lastPathComponent
        let pipe = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            guard let self else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }
    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits until the output contains `text`; fails when the process exits first or after `seconds`.
    @discardableResult
    func waitForOutput(containing text: String, seconds: Double) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let now = output
            if now.contains(text) { return now }
            guard process.isRunning else {
                throw Failure(description: "\(name) exited (status \(process.terminationStatus)) before printing \"\(text)\": \(now)")
            }
            guard Date() < deadline else { throw Failure(description: "\(name) did not print \"\(text)\" within \(seconds) s: \(now)") }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// The integer that follows `marker` in the output (e.g. the port after "on port "), once printed.
    func waitForNumber(after marker: String, seconds: Double) async throws -> Int {
        let text = try await waitForOutput(containing: marker, seconds: seconds)
        let rest = text[text.range(of: marker)!.upperBound...]
        guard let number = Int(rest.prefix { $0.isNumber }) else {
            throw Failure(description: "\(name) printed \"\(marker)\" without a number after it: \(text)")
        }
        return number
    }

    /// Waits for the process to exit by itself for at most `seconds`; returns its status, nil if still running.
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends `signal`, waits up to `seconds`, then kills; returns the exit status when it stopped on `signal`'s
    /// account (nil when it had to be killed).
    @discardableResult
    func stop(signal: Int32 = SIGTERM, seconds: Double = 20) async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        if let status = await waitForExit(seconds: seconds) { return status }
        kill(process.processIdentifier, SIGKILL)
        _ = await waitForExit(seconds: 5)
        return nil
    }
}
