import Foundation
import SynthFaces
import TestSupport

/// A tiny SynthFaces CelebA-HQ-like set at 32² (24 images, 2 per identity, the last 4 held out); every
/// set is written (tiny RaFD and Multi-PIE too), so the completion mark the ground truth needs exists.
enum TinyFaces {
    static func generate(seed: UInt64, into url: URL) throws {
        let configuration = GenerationConfiguration(
            seed: seed, celebAHQ: .init(count: 24, size: 32, imagesPerIdentity: 2, testCount: 4),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]), writeUVFields: false)
        try SynthFacesGenerator(configuration: configuration, root: url).generate(threads: 2, showProgress: false)
    }
}

/// Runs a built command (`train`, `evaluate`, `report`) to completion, bounded by a deadline.
enum CommandProcess {
    struct Outcome {
        let status: Int32
        let output: String
    }

    static func run(_ product: String, _ arguments: [String], in scratch: Scratch, seconds: Double = 300) throws -> Outcome {
        let process = Process()
        process.executableURL = try BuiltProducts.executable(product)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HARNESS_CODE_VERSION"] = "tests"
        environment["HARNESS_THREADS"] = "2"
        process.environment = environment
        let logURL = scratch.path("\(product)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logURL)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw TestFailure(description: "\(product) \(arguments.joined(separator: " ")) did not finish in \(seconds) s")
        }
        process.waitUntilExit()
        try handle.close()
        return Outcome(status: process.terminationStatus, output: (try? String(contentsOf: logURL, encoding: .utf8)) ?? "")
    }
}
