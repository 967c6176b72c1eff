import Foundation
import SynthFaces
import Testing
import TestSupport

/// `make reproduce PROFILE=smoke` through real processes (`tools/reproduce.sh` and the built `train`,
/// `evaluate`, `study`, `report`): an uninterrupted pipeline, one killed with SIGKILL inside `train`
/// and one killed between stages, each rerun to the end, give byte-identical tables; a further rerun
/// trains nothing and prints the same tables.
@Suite(.serialized) struct ReproducePipelineTests {
    static let repository = repositoryProfiles.deletingLastPathComponent()

    /// A small SynthFaces set (24 CelebA-HQ-like images, 4 held out, at 64²; 202 Multi-PIE-like subjects at
    /// 16², so Setting 2 has two test subjects), enough for every stage of the smoke profile; all three
    /// sets, so that the completion mark lets `evaluate` render ground truth.
    static let dataRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reproduce-tests-data-\(UUID().uuidString)")
        let configuration = GenerationConfiguration(
            seed: 5, celebAHQ: .init(count: 24, size: 64, imagesPerIdentity: 2, testCount: 4),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 202, size: 16, illuminations: [6], sessions: [1]), writeUVFields: true)
        try! SynthFacesGenerator(configuration: configuration, root: url).generate(threads: 2, showProgress: false)
        return url
    }()

    /// Runs the pipeline into `results`; `killAt` arms the script's or the trainer's kill switch.
    static func reproduce(results: URL, in scratch: Scratch, log: String, environment: [String: String] = [:]) throws -> BuiltCommand.Outcome {
        let bin = try BuiltProducts.executable("train").deletingLastPathComponent()
        var env = ["PROFILE": "smoke", "SEEDS": "0", "DATA_ROOT": dataRoot.path, "RESULTS": results.path, "BIN": bin.path]
        env.merge(environment) { $1 }
        return try BuiltCommand.run(URL(fileURLWithPath: "/bin/bash"), ["-c", "cd '\(repository.path)' && exec tools/reproduce.sh"],
                                    log: scratch.path("\(log).log"), environment: env, seconds: 600)
    }

    /// Every table file the pipeline wrote (Markdown, CSV, LaTeX), by name.
    static func tables(_ results: URL) throws -> [String: String] {
        let folder = results.appendingPathComponent("tables")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) })
    }

    @Test func killedPipelinesResumeToTheSameTablesAndARerunDoesNoWork() throws {
        let scratch = try Scratch("reproduce")
        let straight = scratch.path("straight"), killed = scratch.path("killed")
        let first = try Self.reproduce(results: straight, in: scratch, log: "straight")
        #expect(first.status == 0, "\(first.output)")
        let reference = try Self.tables(straight)
        #expect(reference.keys.contains("table2.csv") && reference.keys.contains("table1.md"), "\(reference.keys)")
        #expect(reference["table2.csv"]?.contains("BiL-GAN") == true)
        // Table 3 has both measured rows: the raw probes and BiL-GAN's frontalisation.
        let table3 = reference["table3.md"] ?? ""
        #expect(table3.contains("| Light CNN | ") && table3.contains("(n=1)") && table3.contains("dataset: multipie"), "\(table3)")
        #expect(reference["table3-orderings.md"]?.contains("BiL-GAN vs Light CNN") == true)

        // SIGKILL inside the first `train` (StarGAN, after iteration 1), then between BiL-GAN's training and its evaluation.
        let insideTrain = try Self.reproduce(results: killed, in: scratch, log: "killed-in-train",
                                             environment: ["HARNESS_KILL_AFTER_ITERATION": "1"])
        #expect(insideTrain.status != 0 && insideTrain.output.contains("stage 1 of"), "\(insideTrain.output)")
        let betweenStages = try Self.reproduce(results: killed, in: scratch, log: "killed-between",
                                               environment: ["HARNESS_REPRODUCE_KILL_AT": "train:bilgan:full"])
        #expect(betweenStages.killedBySignal || betweenStages.status != 0, "\(betweenStages.output)")
        #expect(betweenStages.output.contains("resuming") && betweenStages.output.contains("kill -9 at train:bilgan:full"),
                "\(betweenStages.output)")
        let finished = try Self.reproduce(results: killed, in: scratch, log: "finished")
        #expect(finished.status == 0, "\(finished.output)")
        #expect(try Self.tables(killed) == reference)

        let again = try Self.reproduce(results: killed, in: scratch, log: "again")
        #expect(again.status == 0, "\(again.output)")
        #expect(!again.output.contains("resuming") && !again.output.contains("] 1/"), "a rerun trained or evaluated: \(again.output)")
        #expect(try Self.tables(killed) == reference)
    }
}
