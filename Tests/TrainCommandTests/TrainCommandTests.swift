import Foundation
import TestSupport
import ResultsStore
import TensorCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `train` executable as a user runs it: real processes, the smoke profile, kill -9 and resume,
/// NaN stops, and the errors bad flags give.
@Suite(.serialized) struct TrainCommandTests {
    static func arguments(results: URL, profile: String, seed: Int = 0, method: String = "stargan") -> [String] {
        ["--method", method, "--dataset", "celebahq", "--profile", profile, "--seed", "\(seed)",
         "--data-root", TinyDataset.root.path, "--results", results.path, "--profiles", repositoryProfiles.path, "--quiet"]
    }

    /// A profile file for these tests: StarGAN at 32² with 1 residual block, `iterations` long,
    /// a checkpoint every 2 iterations, and optional setting overrides.
    static func writeProfile(in scratch: Scratch, iterations: Int, settings overrides: [String: Any] = [:]) throws -> String {
        var settings: [String: Any] = [
            "generatorConvDim": 8, "discriminatorConvDim": 8, "generatorResidualBlocks": 1, "discriminatorRepeat": 3,
            "lambdaClassification": 1, "lambdaReconstruction": 10, "lambdaGradientPenalty": 10, "criticSteps": 2,
            "generatorLearningRate": 0.0001, "discriminatorLearningRate": 0.0001, "beta1": 0.5, "beta2": 0.999,
            "normScaleInit": "ones"]
        settings.merge(overrides) { $1 }
        let profile: [String: Any] = ["name": "test", "methods": ["stargan": [
            "training": ["iterations": iterations, "batchSize": 4, "imageSize": 32, "checkpointEvery": 2, "sampleEvery": 3,
                         "sampleRows": 2, "learningRate": ["kind": "linear", "decayStart": 2, "updateEvery": 1]],
            "settings": settings]]]
        let url = scratch.path("profile-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: profile).write(to: url)
        return url.path
    }

    static func onlyRunFolder(_ results: URL) throws -> URL {
        let runs = results.appendingPathComponent("runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path)
        guard names.count == 1 else { throw TestFailure(description: "expected one run folder, found \(names)") }
        return runs.appendingPathComponent(names[0])
    }

    /// The smoke profile through the real CLI: the run id comes first, the folder holds the
    /// configuration, checkpoints, losses, curve and samples, the store row is finished, and a second
    /// identical command skips the finished run.
    @Test func smokeProfileRunsThroughTheCommand() throws {
        let scratch = try Scratch("train-smoke")
        let results = scratch.path("results")
        let first = try TrainProcess.run(Self.arguments(results: results, profile: "smoke"), in: scratch, log: "smoke")
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.hasPrefix("run 1 stargan-default-celebahq-smoke-seed0-"), "\(first.output)")
        let folder = try Self.onlyRunFolder(results)
        for file in ["config.json", "losses.csv", "losses.svg", "checkpoints/iter-00000002.safetensors",
                     "checkpoints/iter-00000004.safetensors", "samples/iter-00000004.png"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file) missing")
        }
        let config = try String(contentsOf: folder.appendingPathComponent("config.json"), encoding: .utf8)
        #expect(config.contains("\"codeVersion\":\"tests\"") && config.contains("\"generatorConvDim\":8"), "\(config)")
        let losses = try String(contentsOf: folder.appendingPathComponent("losses.csv"), encoding: .utf8).split(separator: "\n")
        #expect(losses.first == "iteration,lr/G,lr/D,D/loss_real,D/loss_fake,D/loss_cls,D/loss_gp,G/loss_fake,G/loss_rec,G/loss_cls")
        #expect(losses.count == 5)
        let db = try ResultsDatabase(path: results.appendingPathComponent("results.sqlite").path)
        let runs = try db.runs()
        #expect(runs.count == 1 && runs[0].status == .finished && runs[0].configJSON + "\n" == config)
        #expect(folder.lastPathComponent.hasSuffix("-" + runs[0].configHash.prefix(12)))

        let again = try TrainProcess.run(Self.arguments(results: results, profile: "smoke"), in: scratch, log: "again")
        #expect(again.status == 0 && again.output.contains("already finished"), "\(again.output)")
        #expect(try db.runs().count == 1)
    }

    /// CycleGAN's smoke run: five pair models train, checkpoint (pools included) and sample.
    @Test func cycleGANSmokeProfileRunsThroughTheCommand() throws {
        let scratch = try Scratch("train-cyclegan")
        let results = scratch.path("results")
        let outcome = try TrainProcess.run(Self.arguments(results: results, profile: "smoke", method: "cyclegan"), in: scratch, log: "cyclegan")
        #expect(outcome.status == 0, "\(outcome.output)")
        let folder = try Self.onlyRunFolder(results)
        let header = try String(contentsOf: folder.appendingPathComponent("losses.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header.hasPrefix("iteration,lr/black-blond/G,lr/black-blond/D,"), "\(header)")
        #expect(header.hasSuffix("age/D_B,age/G_B,age/cycle_B,age/idt_B"), "\(header)")
        let checkpoint = try SafeTensors.read(folder.appendingPathComponent("checkpoints/iter-00000002.safetensors"))
        #expect(checkpoint.tensors["makeup.fake_b_pool.images"]?.shape == [50, 3, 32, 32])
        #expect(checkpoint.tensors["age/G_opt.exp_avg.members.0.model.1.weight"] != nil)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("samples/iter-00000002.png").path))
    }

    /// IcGAN's smoke run: two cGAN iterations, then two encoder iterations, at 64².
    @Test func icGANSmokeProfileRunsThroughTheCommand() throws {
        let scratch = try Scratch("train-icgan")
        let results = scratch.path("results")
        let outcome = try TrainProcess.run(Self.arguments(results: results, profile: "smoke", method: "icgan"), in: scratch, log: "icgan")
        #expect(outcome.status == 0, "\(outcome.output)")
        let folder = try Self.onlyRunFolder(results)
        let lines = try String(contentsOf: folder.appendingPathComponent("losses.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "iteration,lr/G,lr/D,lr/E_z,lr/E_y,D/loss_real,D/loss_wrong,D/loss_fake,G/loss,E_z/loss,E_y/loss")
        #expect(lines[1].hasSuffix(",,") && lines[4].split(separator: ",", omittingEmptySubsequences: false).suffix(2).allSatisfy { !$0.isEmpty })
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("samples/iter-00000004.png").path))
    }

    /// A process that SIGKILLs itself right after iteration 3 (checkpoint at 2) and is rerun ends with
    /// bit-identical checkpoints and losses to a run that never stopped.
    @Test func killedRunResumesToBitIdenticalWeights() throws {
        let scratch = try Scratch("train-kill")
        let profile = try Self.writeProfile(in: scratch, iterations: 6)
        let straightResults = scratch.path("straight"), killedResults = scratch.path("killed")
        let straight = try TrainProcess.run(Self.arguments(results: straightResults, profile: profile), in: scratch, log: "straight")
        #expect(straight.status == 0, "\(straight.output)")

        let killed = try TrainProcess.run(Self.arguments(results: killedResults, profile: profile), in: scratch, log: "killed",
                                          environment: ["HARNESS_KILL_AFTER_ITERATION": "3"])
        #expect(killed.killedBySignal && killed.status == SIGKILL, "status \(killed.status): \(killed.output)")
        let folder = try Self.onlyRunFolder(killedResults)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("checkpoints/iter-00000002.safetensors").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("checkpoints/iter-00000004.safetensors").path))
        let db = try ResultsDatabase(path: killedResults.appendingPathComponent("results.sqlite").path)
        #expect(try db.runs().map(\.status) == [.running])

        let resumed = try TrainProcess.run(Self.arguments(results: killedResults, profile: profile), in: scratch, log: "resumed")
        #expect(resumed.status == 0 && resumed.output.contains("resuming"), "\(resumed.output)")
        #expect(try db.runs().map(\.status) == [.finished])

        let straightFolder = try Self.onlyRunFolder(straightResults)
        #expect(straightFolder.lastPathComponent == folder.lastPathComponent)
        let reference = try SafeTensors.read(straightFolder.appendingPathComponent("checkpoints/iter-00000006.safetensors"))
        let ours = try SafeTensors.read(folder.appendingPathComponent("checkpoints/iter-00000006.safetensors"))
        #expect(reference.tensors.count == ours.tensors.count && reference.tensors.count > 20)
        for (name, tensor) in reference.tensors {
            #expect(ours.tensors[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name) differs")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("losses.csv"), encoding: .utf8)
                == String(contentsOf: straightFolder.appendingPathComponent("losses.csv"), encoding: .utf8))
    }

    /// A rate so large that the first Adam step overflows: the run stops at iteration 1 naming the
    /// weight, exits with status 2, and its store row is failed with that reason.
    @Test func nonFiniteWeightsFailTheRunWithTheReason() throws {
        let scratch = try Scratch("train-nan")
        let profile = try Self.writeProfile(in: scratch, iterations: 4, settings: ["discriminatorLearningRate": 3e38])
        let results = scratch.path("results")
        let outcome = try TrainProcess.run(Self.arguments(results: results, profile: profile), in: scratch, log: "nan")
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(outcome.output.contains("training stopped at iteration 1: weight D."), "\(outcome.output)")
        let runs = try ResultsDatabase(path: results.appendingPathComponent("results.sqlite").path).runs()
        #expect(runs.count == 1 && runs[0].status == .failed)
        #expect(runs[0].statusMessage?.contains("iteration 1") == true, "\(runs[0].statusMessage ?? "")")
    }

    /// Unknown values and missing files give errors that list the valid choices or name the file.
    @Test(arguments: [
        (["--method", "pix2pix"], "'stargan', 'cyclegan', 'icgan', 'bilgan' or 'bilgan-aux'"),
        (["--dataset", "celeba"], "'celebahq', 'rafd' or 'multipie'"),
        (["--profile", "nope"], "profile 'nope' not found"),
        (["--data-root", "/nonexistent"], "/nonexistent/celebahq does not exist"),
    ])
    func badInputGivesAClearError(change: [String], expected: String) throws {
        let scratch = try Scratch("train-errors")
        var arguments = Self.arguments(results: scratch.path("results"), profile: "smoke")
        if let k = arguments.firstIndex(of: change[0]) { arguments[k + 1] = change[1] }
        let outcome = try TrainProcess.run(arguments, in: scratch, log: "error", seconds: 60)
        #expect(outcome.status != 0)
        #expect(outcome.output.contains(expected), "\(outcome.output)")
        if change[0] == "--profile" { #expect(outcome.output.contains("default, paper, smoke")) }
    }

    @Test func helpDocumentsEveryFlag() throws {
        let scratch = try Scratch("train-help")
        let outcome = try TrainProcess.run(["--help"], in: scratch, log: "help", seconds: 60)
        #expect(outcome.status == 0)
        for flag in ["--method", "--dataset", "--profile", "--seed", "--data-root", "--results", "--profiles", "--quiet"] {
            #expect(outcome.output.contains(flag), "\(flag) missing from --help")
        }
    }
}
