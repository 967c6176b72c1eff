import Foundation
import TestSupport
import SynthFaces
#if canImport(Glibc)
import Glibc
#endif

/// A tiny SynthFaces CelebA-HQ-like set (16 images at 32², 12 for training), written once per test run.
enum TinyDataset {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("train-tests-data-\(UUID().uuidString)")
        let configuration = GenerationConfiguration(
            seed: 5, celebAHQ: .init(count: 16, size: 32, imagesPerIdentity: 2, testCount: 4),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]), writeUVFields: false)
        try! SynthFacesGenerator(configuration: configuration, root: url).generate(sets: [.celebahq], threads: 2, showProgress: false)
        return url
    }()
}

/// The `train` executable built beside the test binary (`swift test` builds every product there);
/// `TRAIN_EXECUTABLE` overrides it. Runs are bounded by a deadline, never by luck.
enum TrainProcess {
    struct Outcome {
        let status: Int32
        let killedBySignal: Bool
        let output: String
    }

    static func executable() throws -> URL {
        try BuiltProducts.executable("train", overrideVariable: "TRAIN_EXECUTABLE")
    }

    /// Runs `train` with `arguments` to completion (at most `seconds`), output captured in a file.
    static func run(_ arguments: [String], in scratch: Scratch, log: String, environment extra: [String: String] = [:],
                    seconds: Double = 300) throws -> Outcome {
        let outcome = try BuiltCommand.run(try executable(), arguments, log: scratch.path(log + ".log"), environment: extra, seconds: seconds)
        return Outcome(status: outcome.status, killedBySignal: outcome.killedBySignal, output: outcome.output)
    }
}
