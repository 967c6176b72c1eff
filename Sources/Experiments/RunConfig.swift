import Foundation
import ResultsStore
import Training

/// A run's identity: everything that decides its result. Its canonical JSON (`CanonicalJSON`,
/// keys sorted) is `config.json` in the run folder and the store row's `configJSON`; its SHA-256
/// names the run, so training the same configuration again finds the same run.
public struct RunConfig: Codable, Sendable, Equatable {
    public var method: String
    /// A named variant of the method (`default`; BiL-GAN's ablations name theirs).
    public var variant: String
    public var dataset: String
    /// The dataset folder as given, and a fingerprint of its contents (`DatasetFingerprint`).
    public var datasetPath: String
    public var datasetFingerprint: String
    /// SynthFaces renderer version of a generated set (nil for real data).
    public var datasetRendererVersion: Int?
    public var profile: String
    public var seed: UInt64
    /// `git describe --always --dirty` of the code, or `HARNESS_CODE_VERSION`.
    public var codeVersion: String
    public var training: TrainingSettings
    /// The method's own settings struct as JSON (e.g. `StarGANSettings`).
    public var methodSettings: JSONValue

    public init(method: String, variant: String, dataset: String, datasetPath: String, datasetFingerprint: String,
                datasetRendererVersion: Int?, profile: String, seed: UInt64, codeVersion: String,
                training: TrainingSettings, methodSettings: JSONValue) {
        self.method = method; self.variant = variant; self.dataset = dataset; self.datasetPath = datasetPath
        self.datasetFingerprint = datasetFingerprint; self.datasetRendererVersion = datasetRendererVersion
        self.profile = profile; self.seed = seed; self.codeVersion = codeVersion; self.training = training
        self.methodSettings = methodSettings
    }

    public func canonicalJSON() throws -> String { try CanonicalJSON.encode(self) }

    public func hash() throws -> String { CanonicalJSON.hash(try canonicalJSON()) }

    /// The run folder's name: readable prefix plus 12 hex digits of the hash.
    public func runName() throws -> String {
        "\(method)-\(variant)-\(dataset)-\(profile)-seed\(seed)-" + String(try hash().prefix(12))
    }
}

/// The code version a run records: `HARNESS_CODE_VERSION` when set (CI, tests), else
/// `git describe --always --dirty` in the working directory, else "unknown".
public enum CodeVersion {
    public static func current() -> String {
        if let given = ProcessInfo.processInfo.environment["HARNESS_CODE_VERSION"], !given.isEmpty { return given }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "describe", "--always", "--dirty"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : "unknown"
    }
}
