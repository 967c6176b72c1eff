import Foundation
import TestSupport
import ResultsStore
import SynthFaces
import TensorCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A tiny SynthFaces CelebA-HQ-like set with UV fields (16 images at 64², 12 for training), so BiL-GAN's
/// geometry term is on.
enum TinyUVDataset {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bilgan-tests-data-\(UUID().uuidString)")
        let configuration = GenerationConfiguration(
            seed: 7, celebAHQ: .init(count: 16, size: 64, imagesPerIdentity: 2, testCount: 4),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]), writeUVFields: true)
        try! SynthFacesGenerator(configuration: configuration, root: url).generate(sets: [.celebahq], threads: 2, showProgress: false)
        return url
    }()
}

/// Tiny RaFD-like and Multi-PIE-like sets (two models, two Setting 2 training subjects) for the paired tasks.
enum TinyPairedDataset {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bilgan-paired-data-\(UUID().uuidString)")
        let configuration = GenerationConfiguration(
            seed: 9, celebAHQ: .init(count: 4, size: 32, imagesPerIdentity: 2, testCount: 2),
            rafd: .init(identities: 2, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 2, size: 32, illuminations: [6], sessions: [1]), writeUVFields: false)
        try! SynthFacesGenerator(configuration: configuration, root: url).generate(sets: [.rafd, .multipie], threads: 2, showProgress: false)
        return url
    }()
}

/// BiL-GAN through the real `train` command: the smoke profile for the full method and every
/// ablation, the auxiliary run shared by all of them, and kill -9 in either phase resuming to the
/// same bits as a run that never stopped.
@Suite(.serialized) struct BiLGANCommandTests {
    static func arguments(results: URL, profile: String = "smoke", variant: String? = nil, method: String = "bilgan") -> [String] {
        ["--method", method, "--dataset", "celebahq", "--profile", profile, "--data-root", TinyUVDataset.root.path,
         "--results", results.path, "--profiles", repositoryProfiles.path, "--quiet"] + (variant.map { ["--variant", $0] } ?? [])
    }

    static func runFolders(_ results: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: results.appendingPathComponent("runs").path).sorted()
    }

    /// Every variant runs through the CLI; the auxiliary networks are trained once and reused by the
    /// six ablations; each run's configuration names its variant's switches and the geometry decision.
    @Test func everyVariantRunsOnTheSmokeProfileSharingOneAuxiliaryRun() throws {
        let scratch = try Scratch("bilgan-variants")
        let results = scratch.path("results")
        let variants = ["full", "single-phase", "progressive", "ordinary-regularization", "no-mutual-info", "mine", "cycle"]
        for (k, variant) in variants.enumerated() {
            let outcome = try TrainProcess.run(Self.arguments(results: results, variant: variant), in: scratch, log: variant)
            #expect(outcome.status == 0, "\(variant): \(outcome.output)")
            #expect(outcome.output.contains(k == 0 ? "run 1 bilgan-aux-default-celebahq-smoke-seed0-" : "already finished"),
                    "\(variant): \(outcome.output)")
            #expect(outcome.output.contains("bilgan-\(variant)-celebahq-smoke-seed0-"), "\(outcome.output)")
        }
        let folders = try Self.runFolders(results)
        #expect(folders.count == variants.count + 1, "\(folders)")
        #expect(folders.filter { $0.hasPrefix("bilgan-aux-") }.count == 1)
        let db = try ResultsDatabase(path: results.appendingPathComponent("results.sqlite").path)
        #expect(try db.runs().allSatisfy { $0.status == .finished })

        let full = try Self.config(results, folders.first { $0.hasPrefix("bilgan-full-") }!)
        let mine = try Self.config(results, folders.first { $0.hasPrefix("bilgan-mine-") }!)
        #expect(full.contains("\"identityTerm\":\"info-nce\"") && mine.contains("\"identityTerm\":\"mine\""))
        #expect(full.contains("\"geometry\":true") && full.contains("\"auxiliaryRun\":\"bilgan-aux-default-celebahq-smoke-seed0-"))
        let losses = try String(contentsOf: results.appendingPathComponent("runs/\(folders.first { $0.hasPrefix("bilgan-mine-") }!)/losses.csv"),
                                encoding: .utf8)
        #expect(losses.hasPrefix("iteration,lr/G1,lr/G2,lr/T,lr/D,lr/Duv,lr/Da,lr/MINE,phase,"), "\(losses)")
    }

    static func config(_ results: URL, _ folder: String) throws -> String {
        try String(contentsOf: results.appendingPathComponent("runs/\(folder)/config.json"), encoding: .utf8)
    }

    /// SIGKILL right after iteration 1 (initial phase, no checkpoint yet) or 3 (enhancing phase, resuming
    /// from the handover checkpoint at 2): the rerun ends bit-identical to a straight run.
    @Test(arguments: [1, 3]) func killedRunResumesBitIdenticallyInEitherPhase(killAfter: Int) throws {
        let scratch = try Scratch("bilgan-kill")
        let straightResults = scratch.path("straight"), killedResults = scratch.path("killed")
        // The auxiliary networks first, to completion, in both result folders (their own resume is the
        // trainer's, tested with the baselines); then BiL-GAN straight, and BiL-GAN killed and rerun.
        for results in [straightResults, killedResults] {
            let aux = try TrainProcess.run(Self.arguments(results: results, method: "bilgan-aux"), in: scratch, log: "aux")
            #expect(aux.status == 0, "\(aux.output)")
        }
        let straight = try TrainProcess.run(Self.arguments(results: straightResults), in: scratch, log: "straight")
        #expect(straight.status == 0 && straight.output.contains("already finished"), "\(straight.output)")
        let killed = try TrainProcess.run(Self.arguments(results: killedResults), in: scratch, log: "killed",
                                          environment: ["HARNESS_KILL_AFTER_ITERATION": "\(killAfter)"])
        #expect(killed.killedBySignal && killed.status == SIGKILL, "status \(killed.status): \(killed.output)")
        let rerun = try TrainProcess.run(Self.arguments(results: killedResults), in: scratch, log: "resumed")
        #expect(rerun.status == 0 && rerun.output.contains("resuming"), "RERUN[\(rerun.output)]")

        for folder in try Self.runFolders(straightResults) {
            let reference = try SafeTensors.read(straightResults.appendingPathComponent("runs/\(folder)/checkpoints/iter-00000004.safetensors"))
            let ours = try SafeTensors.read(killedResults.appendingPathComponent("runs/\(folder)/checkpoints/iter-00000004.safetensors"))
            #expect(reference.tensors.count == ours.tensors.count && reference.tensors.count > 20)
            for (name, tensor) in reference.tensors {
                #expect(ours.tensors[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(folder): \(name) differs")
            }
            #expect(try String(contentsOf: killedResults.appendingPathComponent("runs/\(folder)/losses.csv"), encoding: .utf8)
                    == String(contentsOf: straightResults.appendingPathComponent("runs/\(folder)/losses.csv"), encoding: .utf8))
        }
    }

    /// SIGTERM reaches the second trainer of a process: in a fresh results folder BiL-GAN runs the
    /// trainer of its auxiliary run (2 iterations, trained here or found complete on disk) and then its
    /// own (4) in one process. The process sends itself SIGTERM after iteration 3, which only the second
    /// trainer reaches, and waits for the trainer to see it; the run must stop there with a checkpoint
    /// and resume to the end. (It once ran on to the end: the first trainer's signal sources, made and
    /// cancelled, left the signal ignored.)
    @Test(arguments: [false, true]) func sigtermStopsTheRunThatFollowsTheAuxiliaryRunInOneProcess(completeAuxiliary: Bool) throws {
        let scratch = try Scratch("bilgan-sigterm-\(completeAuxiliary)")
        let profiles = scratch.path("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        var profile = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryProfiles.appendingPathComponent("smoke.json"))) as! [String: Any]
        var methods = profile["methods"] as! [String: Any]
        for (method, iterations) in [("bilgan-aux", 2), ("bilgan", 4)] {
            var entry = methods[method] as! [String: Any], training = entry["training"] as! [String: Any]
            training["iterations"] = iterations
            entry["training"] = training; methods[method] = entry
        }
        profile["methods"] = methods; profile["name"] = "signal"
        try JSONSerialization.data(withJSONObject: profile).write(to: profiles.appendingPathComponent("signal.json"))
        let results = scratch.path("results")
        let arguments = ["--method", "bilgan", "--dataset", "celebahq", "--profile", "signal", "--data-root", TinyUVDataset.root.path,
                         "--results", results.path, "--profiles", profiles.path, "--quiet"]
        if completeAuxiliary {
            // The auxiliary run's checkpoints are complete but this store has no record of it (a results
            // folder copied without its database), so its trainer starts and stops without an iteration.
            let elsewhere = scratch.path("elsewhere")
            let aux = try TrainProcess.run(arguments.map { $0 == results.path ? elsewhere.path : $0 == "bilgan" ? "bilgan-aux" : $0 },
                                           in: scratch, log: "aux")
            #expect(aux.status == 0, "\(aux.output)")
            try FileManager.default.createDirectory(at: results.appendingPathComponent("runs"), withIntermediateDirectories: true)
            for folder in try Self.runFolders(elsewhere) {
                try FileManager.default.copyItem(at: elsewhere.appendingPathComponent("runs/\(folder)"),
                                                 to: results.appendingPathComponent("runs/\(folder)"))
            }
        }

        let stopped = try TrainProcess.run(arguments, in: scratch, log: "stopped", environment: ["HARNESS_SIGNAL_AFTER_ITERATION": "3"])
        #expect(stopped.output.contains("run 1 finished after 2 iterations"), "\(stopped.output)")
        #expect(stopped.status == 130 && stopped.output.contains("run 2 interrupted by signal \(SIGTERM) after iteration 3"),
                "status \(stopped.status): \(stopped.output)")
        let folder = try Self.runFolders(results).first { $0.hasPrefix("bilgan-full-") }!
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: results.appendingPathComponent("runs/\(folder)/checkpoints").path)
        #expect(checkpoints.contains("iter-00000003.safetensors") && !checkpoints.contains("iter-00000004.safetensors"), "\(checkpoints)")

        let resumed = try TrainProcess.run(arguments, in: scratch, log: "resumed")
        #expect(resumed.status == 0 && resumed.output.contains("run 2 bilgan-full-") && resumed.output.contains("resuming")
                && resumed.output.contains("run 2 finished after 4 iterations"), "\(resumed.output)")
    }

    /// §4.3 through the CLI: RaFD animation and Multi-PIE frontalisation train with the pixel term
    /// (logged in every iteration), geometry off, and the paired-target policy in the run configuration.
    @Test(arguments: ["rafd", "multipie"]) func pairedTasksTrainWithThePixelTerm(dataset: String) throws {
        let scratch = try Scratch("bilgan-paired-\(dataset)")
        let results = scratch.path("results")
        let arguments = Self.arguments(results: results).map { $0 == "celebahq" ? dataset : $0 == TinyUVDataset.root.path ? TinyPairedDataset.root.path : $0 }
        let outcome = try TrainProcess.run(arguments, in: scratch, log: dataset)
        #expect(outcome.status == 0, "\(outcome.output)")
        let folder = try #require(try Self.runFolders(results).first { $0.hasPrefix("bilgan-full-\(dataset)-smoke-") })
        let config = try Self.config(results, folder)
        #expect(config.contains("\"geometry\":false") && config.contains("\"pairedTargets\":{"), "\(config)")
        #expect(config.contains(dataset == "multipie" ? "\"targetDomains\":[6]" : "\"pairedTargets\":{}"), "\(config)")
        let rows = try String(contentsOf: results.appendingPathComponent("runs/\(folder)/losses.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(rows[0].firstIndex(of: "G/loss_pixel"), "\(rows[0])")
        #expect(rows.count == 5 && rows.dropFirst().allSatisfy { Float($0[column]).map { $0 > 0 && $0.isFinite } == true }, "\(rows)")
    }

    @Test func unknownVariantListsTheValidOnes() throws {
        let scratch = try Scratch("bilgan-bad-variant")
        let outcome = try TrainProcess.run(Self.arguments(results: scratch.path("r"), variant: "half"), in: scratch, log: "bad")
        #expect(outcome.status != 0)
        #expect(outcome.output.contains("unknown variant 'half' for bilgan; valid: full, single-phase, progressive, "
                                        + "ordinary-regularization, no-mutual-info, mine, cycle"), "\(outcome.output)")
    }
}
