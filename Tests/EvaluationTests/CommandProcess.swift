import Foundation
import SynthFaces
import TestSupport

/// Runs a built command (`train`, `evaluate`, `report`) to completion, bounded by a deadline.
enum CommandProcess {
    struct Outcome {
        let status: Int32
        let output: String
    }

    static func run(_ product: String, _ arguments: [String], in scratch: Scratch, seconds: Double = 300) throws -> Outcome {
        let outcome = try BuiltCommand.run(try BuiltProducts.executable(product), arguments,
                                           log: scratch.path("\(product)-\(UUID().uuidString).log"), seconds: seconds)
        return Outcome(status: outcome.status, output: outcome.output)
    }
}

/// A tiny Multi-PIE-like set for Table 3: 203 subjects (001–200 train, 201–203 test) at 16², session 1,
/// illuminations 06 (the gallery's) and 11, so that each test subject has 13 × 2 − 1 = 25 probes.
enum TinyMultiPIE {
    static let testSubjects = 3
    static let illuminations = [6, 11]

    static func generate(seed: UInt64, into url: URL, illuminations: [Int] = illuminations) throws {
        let configuration = GenerationConfiguration(
            seed: seed, celebAHQ: .init(count: 4, size: 16, imagesPerIdentity: 2, testCount: 2),
            rafd: .init(identities: 1, size: 16, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 200 + testSubjects, size: 16, illuminations: illuminations, sessions: [1]), writeUVFields: false)
        try SynthFacesGenerator(configuration: configuration, root: url).generate(sets: [.multipie], threads: 2, showProgress: false)
    }
}
