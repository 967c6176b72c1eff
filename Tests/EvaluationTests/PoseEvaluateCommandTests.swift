import Datasets
import Evaluation
import Foundation
import Imaging
import ResultsStore
import Testing
import TestSupport

/// `evaluate` on Multi-PIE (Table 3) through the real executables: a smoke StarGAN trained on a tiny
/// Multi-PIE-like set, its probes frontalised and scored by Light CNN rank-1, the raw-probe "Light CNN"
/// row, reruns that redo nothing, `report table table3`, and the errors a user can meet.
@Suite(.serialized) struct PoseEvaluateCommandTests {
    final class Setup: @unchecked Sendable {
        let scratch: Scratch
        let data: URL
        let results: URL
        init() throws {
            scratch = try Scratch("evaluate-multipie")
            data = scratch.path("data")
            results = scratch.path("results")
            try TinyMultiPIE.generate(seed: 3, into: data)
            let trained = try CommandProcess.run("train", ["--method", "stargan", "--dataset", "multipie", "--profile", "smoke",
                                                          "--data-root", data.path, "--results", results.path,
                                                          "--profiles", repositoryProfiles.path, "--quiet"], in: scratch)
            guard trained.status == 0 else { throw TestFailure(description: "train failed:\n\(trained.output)") }
        }

        func evaluate(_ arguments: [String], profiles: URL = repositoryProfiles) throws -> CommandProcess.Outcome {
            try CommandProcess.run("evaluate", arguments + ["--profile", "smoke", "--results", results.path,
                                                            "--profiles", profiles.path, "--quiet"], in: scratch)
        }

        var store: ResultsDatabase { get throws { try ResultsDatabase(path: results.appendingPathComponent("results.sqlite").path) } }
    }

    static let setup = Result { try Setup() }
    static let probesPerSubject = 13 * TinyMultiPIE.illuminations.count - 1

    @Test func frontalisesEveryProbeScoresRankOnePerYawAndSkipsDoneWork() throws {
        let s = try Self.setup.get()
        let first = try s.evaluate(["--method", "stargan", "--dataset", "multipie"])
        #expect(first.status == 0, "\(first.output)")
        let store = try s.store
        let run = try #require(try store.runs(status: .finished).first { $0.method == "stargan" })
        let rank1 = try #require(try store.metrics(ofRun: run.id!).first { $0.name == MetricName.rankOne })
        let evaluator = try #require(try store.runs(status: .finished).first { $0.method == "lightcnn" && $0.variant == "evaluator" })
        #expect(rank1.protocolName == "rank1-cosine/lightcnn9/\(evaluator.configHash.prefix(12))")
        let breakdown = try #require(try rank1.breakdown())
        let perYaw = TinyMultiPIE.testSubjects * 2 * TinyMultiPIE.illuminations.count
        for yaw in PoseBreakdownKey.reportedYaws {
            let entry = try #require(breakdown[PoseBreakdownKey.key(yaw: yaw)], "no ±\(yaw)° entry")
            #expect(entry.sampleCount == perYaw && (0...1).contains(entry.value))
        }
        #expect(breakdown["0"]?.sampleCount == TinyMultiPIE.testSubjects)   // frontal probes under illumination 11
        #expect(rank1.sampleCount == perYaw * 6)
        let pooled = PoseBreakdownKey.reportedYaws.map { breakdown[String($0)]!.value * Double(perYaw) }.reduce(0, +)
        #expect(abs(rank1.value - pooled / Double(perYaw * 6)) < 1e-12)

        // Every probe frontalised under the run folder, at the run's size.
        let folder = s.results.appendingPathComponent("runs")
        let runFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("stargan-") })
        let base = folder.appendingPathComponent(runFolder).appendingPathComponent("frontalised")
        let manifest = try JSONDecoder().decode(FrontalisationSet.Manifest.self,
                                                from: Data(contentsOf: base.appendingPathComponent("manifest.json")))
        #expect(manifest.items.count == TinyMultiPIE.testSubjects * Self.probesPerSubject)
        #expect(manifest.targetCamera == "05_1" && manifest.runId == run.id)
        #expect(Set(manifest.items.map(\.subject)) == [201, 202, 203])
        #expect(!manifest.items.contains { $0.camera == "05_1" && $0.illumination == 6 })   // the gallery is no probe
        let output = try ImageFile.read(base.appendingPathComponent(manifest.items[0].output))
        #expect(output.width == 32 && output.height == 32)

        // Rerun: nothing is translated, trained or recomputed.
        let second = try s.evaluate(["--method", "stargan", "--dataset", "multipie"])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("frontalised probes already in"), "\(second.output)")
        #expect(second.output.contains("all 1 metrics already stored"), "\(second.output)")
        #expect(second.output.contains("lightcnn: reusing run"), "\(second.output)")
        #expect(try store.metrics(ofRun: run.id!).filter { $0.name == MetricName.rankOne }.count == 1)
    }

    @Test func lightCNNRowOnRawProbesAndTable3() throws {
        let s = try Self.setup.get()
        let args = ["--method", "lightcnn", "--dataset", "multipie", "--data-root", s.data.path]
        let first = try s.evaluate(args)
        #expect(first.status == 0, "\(first.output)")
        let store = try s.store
        let row = try #require(try store.runs(status: .finished).first { $0.method == MethodKey.lightCNN && $0.variant == VariantKey.noFrontalisation })
        #expect(row.dataset == "multipie" && row.profile == "smoke" && row.seed == 0)
        let rank1 = try #require(try store.metrics(ofRun: row.id!).first { $0.name == MetricName.rankOne })
        #expect(rank1.protocolName.hasPrefix("rank1-cosine/lightcnn9/"))
        #expect(rank1.sampleCount == TinyMultiPIE.testSubjects * 2 * TinyMultiPIE.illuminations.count * 6)
        let again = try s.evaluate(args)
        #expect(again.status == 0 && again.output.contains("nothing to do"), "\(again.output)")
        #expect(try store.runs().filter { $0.method == MethodKey.lightCNN && $0.variant == VariantKey.noFrontalisation }.count == 1)

        // Both rows share one protocol, so the table builds; it needs the StarGAN run evaluated too.
        let evaluated = try s.evaluate(["--method", "stargan", "--dataset", "multipie"])
        #expect(evaluated.status == 0, "\(evaluated.output)")
        let report = try CommandProcess.run("report", ["table", "table3", "--database", s.results.appendingPathComponent("results.sqlite").path,
                                                       "--output-directory", s.scratch.path("tables").path], in: s.scratch)
        #expect(report.status == 0, "\(report.output)")
        let csv = try String(contentsOf: s.scratch.path("tables/table3.csv"), encoding: .utf8)
        #expect(csv.contains("yaw15") && csv.contains("Light CNN"), "\(csv)")
        let line = try #require(csv.split(separator: "\n").first { $0.contains("Light CNN") && $0.contains("measured") })
        let percent = String(format: "%.2f", 100 * (try rank1.breakdown()!["15"]!.value))
        #expect(line.contains(percent), "\(line) lacks \(percent)")
    }

    @Test func clearErrors() throws {
        let s = try Self.setup.get()
        // A run evaluated against another Multi-PIE set (other illuminations: another training split).
        let other = s.scratch.path("other-data")
        try TinyMultiPIE.generate(seed: 4, into: other, illuminations: [6, 12])
        let wrong = try s.evaluate(["--method", "stargan", "--data-root", other.path])
        #expect(wrong.status != 0 && wrong.output.contains("was trained on another multipie set"), "\(wrong.output)")
        // The Light CNN row on a dataset without poses.
        let celeb = try s.evaluate(["--method", "lightcnn", "--dataset", "celebahq", "--data-root", s.data.path])
        #expect(celeb.status != 0 && celeb.output.contains("has no pose probes"), "\(celeb.output)")
        // Converted weights configured but missing: the file and the converter are named.
        let profiles = s.scratch.path("profiles-missing-weights")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryProfiles.appendingPathComponent("smoke.json"))) as! [String: Any]
        var evaluators = json["evaluators"] as! [String: Any]
        var light = evaluators["lightCNN"] as! [String: Any]
        let missing = s.scratch.path("nowhere/lightcnn29v2.safetensors").path
        light["weights"] = missing
        light["architecture"] = "lightcnn29v2"
        light["imageSize"] = 128
        evaluators["lightCNN"] = light
        json["evaluators"] = evaluators
        try JSONSerialization.data(withJSONObject: json).write(to: profiles.appendingPathComponent("smoke.json"))
        let noWeights = try s.evaluate(["--method", "lightcnn", "--data-root", s.data.path], profiles: profiles)
        #expect(noWeights.status != 0 && noWeights.output.contains(missing) && noWeights.output.contains("convert_lightcnn_weights.py"),
                "\(noWeights.output)")
    }
}
