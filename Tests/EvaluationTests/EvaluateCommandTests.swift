import Datasets
import Evaluation
import Foundation
import Imaging
import ResultsStore
import Study
import Testing
import TestSupport

/// `evaluate` through the real executables: a smoke StarGAN trained with `train`, then evaluated,
/// re-evaluated (nothing redone) and reported; and the errors a user can meet.
@Suite(.serialized) struct EvaluateCommandTests {
    /// One smoke run shared by the suite's tests (trained once).
    final class Setup: @unchecked Sendable {
        let scratch: Scratch
        let data: URL
        let results: URL
        init() throws {
            scratch = try Scratch("evaluate-cli")
            data = scratch.path("data")
            results = scratch.path("results")
            try TinyFaces.generate(seed: 7, into: data)
            let trained = try CommandProcess.run("train", ["--method", "stargan", "--dataset", "celebahq", "--profile", "smoke",
                                                          "--data-root", data.path, "--results", results.path,
                                                          "--profiles", repositoryProfiles.path, "--quiet"], in: scratch)
            guard trained.status == 0 else { throw TestFailure(description: "train failed:\n\(trained.output)") }
        }

        func evaluate(_ extra: [String] = []) throws -> CommandProcess.Outcome {
            try CommandProcess.run("evaluate", ["--method", "stargan", "--profile", "smoke", "--results", results.path,
                                                "--profiles", repositoryProfiles.path, "--quiet"] + extra, in: scratch)
        }
    }

    static let setup = Result { try Setup() }

    @Test func evaluatesASmokeRunAndSkipsDoneWorkOnRerun() throws {
        let s = try Self.setup.get()
        let first = try s.evaluate()
        #expect(first.status == 0, "\(first.output)")
        let store = try ResultsDatabase(path: s.results.appendingPathComponent("results.sqlite").path)
        let run = try #require(try store.runs(status: .finished).first { $0.method == "stargan" })
        let metrics = try store.metrics(ofRun: run.id!)
        let byName = Dictionary(metrics.map { ($0.name, $0) }) { a, _ in a }

        // Every Table 2 number, each under the protocol of the evaluator that measured it.
        let fd = try #require(byName[MetricName.fid])
        #expect(fd.protocolName.hasPrefix("FD-SynthFaces/"))
        #expect(fd.value.isFinite && fd.value >= 0)
        #expect(byName[MetricName.kid]?.protocolName == fd.protocolName)
        for name in [MetricName.precision, MetricName.recall, MetricName.density, MetricName.coverage] {
            #expect(byName[name]?.protocolName.hasPrefix(fd.protocolName) == true, "\(name)")
        }
        let msssim = try #require(byName[MetricName.msSSIM])
        #expect(msssim.protocolName == "ms-ssim/2-scales-renormalised")   // 32² smoke images
        #expect((0...1).contains(msssim.value))
        let clas = try #require(byName[MetricName.classificationError])
        #expect((0...1).contains(clas.value))
        #expect(clas.sampleCount == 4 * 8)
        #expect(try clas.breakdown()?["classifier_test_accuracy"] != nil)
        #expect(byName[MetricName.classifierAccuracy]?.protocolName == clas.protocolName)
        #expect((0...1).contains(try #require(byName[MetricName.groundTruthMSSSIM]).value))
        #expect((0...1).contains(try #require(byName[MetricName.groundTruthL1]).value))

        // The evaluators are runs of their own, with their accuracy on the real test split.
        let evaluators = try store.runs(status: .finished).filter { $0.variant == "evaluator" }
        #expect(Set(evaluators.map(\.method)) == ["fd-synthfaces", "attribute-classifier"])
        #expect(fd.protocolName.hasSuffix(String(evaluators.first { $0.method == "fd-synthfaces" }!.configHash.prefix(12))))
        let featureRun = evaluators.first { $0.method == "fd-synthfaces" }!
        let floor = try #require(try store.metrics(ofRun: featureRun.id!).first { $0.name == RealFeatures.floorMetric })
        #expect(floor.protocolName == fd.protocolName + "/real-test-vs-train/32")
        #expect(floor.value.isFinite && floor.value >= 0 && floor.sampleCount == 4)

        // The manifest the study reads: 4 test faces × 8 edits, with the renderer's ground truth.
        let folder = s.results.appendingPathComponent("runs")
        let runFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("stargan-") })
        let manifestURL = folder.appendingPathComponent(runFolder).appendingPathComponent("translations/manifest.json")
        let manifest = try TranslationManifest.load(from: manifestURL)
        #expect(manifest.items.count == 32)
        #expect(manifest.runId == run.id)
        #expect(manifest.dataset == "synthfaces-celebahq")
        #expect(manifest.items.filter { $0.edit.attributeGroups.count == 2 }.count == 4 * 3)

        // A hair colour the face already has changes nothing in the scene: its ground truth is the input.
        let test = try SplitFile.select(try CelebADataset.open(s.data.appendingPathComponent("celebahq")).samples(domains: .bilganCelebAHQ),
                                        root: s.data.appendingPathComponent("celebahq"),
                                        listedIn: s.data.appendingPathComponent("celebahq/test.txt"))
        var checked = 0
        for sample in test {
            let id = sample.image.deletingPathExtension().lastPathComponent
            guard let own = EditPlan.hairColours.firstIndex(where: { sample.labels[DomainSelectionIndex.of($0)] > 0.5 }) else { continue }
            let item = try #require(manifest.items.first { $0.inputID == id && $0.edit.targetLabels == [EditPlan.hairColours[own]: true] })
            let truth = try ImageFile.read(TranslationManifest.resolve(item.groundTruthImage!, relativeTo: manifestURL))
            let input = try ImageFile.read(TranslationManifest.resolve(item.inputImage, relativeTo: manifestURL))
            #expect(truth.pixels == input.pixels, "ground truth of a no-op edit of \(id) differs from the input")
            checked += 1
        }
        #expect(checked > 0, "no test face has a hair colour")

        // Rerun: translations, evaluators and metrics are all reused.
        let second = try s.evaluate()
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("translations already in"))
        #expect(second.output.contains("all 11 metrics already stored"), "\(second.output)")
        #expect(try store.metrics(ofRun: run.id!).count == metrics.count)

        // The report reads what evaluate wrote, under the feature space's own name.
        let report = try CommandProcess.run("report", ["table", "table2", "--database", s.results.appendingPathComponent("results.sqlite").path,
                                                       "--output-directory", s.scratch.path("tables").path], in: s.scratch)
        #expect(report.status == 0, "\(report.output)")
        let csv = try String(contentsOf: s.scratch.path("tables/table2.csv"), encoding: .utf8)
        let header = csv.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("fd_synthfaces") && !header.contains("fid"), "\(csv)")
        let markdown = try String(contentsOf: s.scratch.path("tables/table2.md"), encoding: .utf8)
        #expect(markdown.contains("FD-SynthFaces") && markdown.contains("StarGAN"), "\(markdown)")
    }

    /// BiL-GAN's smoke run (both phases, auxiliary run first) evaluates like a baseline, at the
    /// baselines' 32² (the smoke profile keeps r₁ = r₂ = 32 so that its numbers share their protocols);
    /// its auxiliary run is refused by name.
    @Test func evaluatesABiLGANSmokeRun() throws {
        let s = try Self.setup.get()
        let results = s.scratch.path("bilgan-results")
        let common = ["--profile", "smoke", "--results", results.path, "--profiles", repositoryProfiles.path, "--quiet"]
        let trained = try CommandProcess.run("train", ["--method", "bilgan", "--dataset", "celebahq", "--data-root", s.data.path] + common,
                                             in: s.scratch)
        #expect(trained.status == 0, "\(trained.output)")
        let evaluated = try CommandProcess.run("evaluate", ["--method", "bilgan", "--variant", "full"] + common, in: s.scratch)
        #expect(evaluated.status == 0, "\(evaluated.output)")
        let store = try ResultsDatabase(path: results.appendingPathComponent("results.sqlite").path)
        let run = try #require(try store.runs(status: .finished).first { $0.method == "bilgan" })
        let byName = Dictionary(try store.metrics(ofRun: run.id!).map { ($0.name, $0) }) { a, _ in a }
        #expect(byName[MetricName.fid]?.protocolName.hasPrefix("FD-SynthFaces/") == true)
        #expect(byName[MetricName.msSSIM]?.protocolName == "ms-ssim/2-scales-renormalised")
        #expect(byName[MetricName.classificationError]?.sampleCount == 4 * 8)
        let aux = try CommandProcess.run("evaluate", ["--method", "bilgan-aux"] + common, in: s.scratch)
        #expect(aux.status != 0 && aux.output.contains("bilgan-aux holds BiL-GAN's auxiliary networks"), "\(aux.output)")
    }

    @Test func namesWhatExistsWhenNoRunMatches() throws {
        let s = try Self.setup.get()
        let none = try CommandProcess.run("evaluate", ["--method", "cyclegan", "--results", s.results.path, "--quiet"], in: s.scratch)
        #expect(none.status != 0)
        #expect(none.output.contains("no finished cyclegan run"), "\(none.output)")
        let wrongSeed = try s.evaluate(["--seed", "9"])
        #expect(wrongSeed.status != 0)
        #expect(wrongSeed.output.contains("stargan default celebahq profile smoke seed 0 (finished)"), "\(wrongSeed.output)")
    }

    @Test func refusesAnotherDatasetAndMissingWeights() throws {
        let s = try Self.setup.get()
        let other = s.scratch.path("other-data")
        try TinyFaces.generate(seed: 8, into: other)
        let wrongData = try s.evaluate(["--data-root", other.path])
        #expect(wrongData.status != 0)
        #expect(wrongData.output.contains("was trained on another celebahq set"), "\(wrongData.output)")
        let missing = s.scratch.path("nowhere/fid_inception_v3.safetensors").path
        let noWeights = try s.evaluate(["--inception-weights", missing])
        #expect(noWeights.status != 0)
        #expect(noWeights.output.contains(missing) && noWeights.output.contains("convert_inception_weights.py"), "\(noWeights.output)")
    }

    @Test func missingCheckpointIsNamed() throws {
        let scratch = try Scratch("evaluate-no-checkpoint")
        let data = scratch.path("data"), results = scratch.path("results")
        try TinyFaces.generate(seed: 7, into: data)
        let trained = try CommandProcess.run("train", ["--method", "stargan", "--dataset", "celebahq", "--profile", "smoke", "--data-root",
                                                      data.path, "--results", results.path, "--profiles", repositoryProfiles.path,
                                                      "--quiet"], in: scratch)
        #expect(trained.status == 0, "\(trained.output)")
        let runs = results.appendingPathComponent("runs")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        try FileManager.default.removeItem(at: runs.appendingPathComponent(folder).appendingPathComponent("checkpoints"))
        let outcome = try CommandProcess.run("evaluate", ["--method", "stargan", "--results", results.path, "--profiles",
                                                         repositoryProfiles.path, "--quiet"], in: scratch)
        #expect(outcome.status != 0)
        #expect(outcome.output.contains("no checkpoint in"), "\(outcome.output)")
    }
}

enum DomainSelectionIndex {
    static func of(_ name: String) -> Int { DomainSelection.bilganCelebAHQ.attributes.firstIndex(of: name)! }
}
