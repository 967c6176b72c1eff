import Foundation
import ResultsStore
import SynthFaces
import Testing
import TestSupport

/// The whole local path through real processes: `sweep --scheduler local` (2 methods × 2 seeds, 2 workers)
/// writes four shards; `report merge` folds them into one database, and a second merge changes nothing.
@Suite(.serialized) struct LocalSweepTests {
    @Test func smokeSweepOfTwoMethodsAndTwoSeedsMergesIdempotently() throws {
        let scratch = try Scratch("local-sweep")
        let data = scratch.path("data"), results = scratch.path("results")
        try TinyFaces.generate(seed: 7, into: data)
        let sweep = try BuiltProducts.executable("sweep")
        let outcome = try BuiltCommand.run(sweep, ["--profile", "smoke", "--seeds", "0-1", "--methods", "stargan,cyclegan",
                                                   "--scheduler", "local", "--workers", "2", "--data-root", data.path,
                                                   "--results", results.path, "--profiles", repositoryProfiles.path],
                                           log: scratch.path("sweep.log"), seconds: 240)
        #expect(outcome.status == 0, "\(outcome.output)\n\(Self.taskLogs(results))")
        let shards = try FileManager.default.contentsOfDirectory(atPath: results.appendingPathComponent("shards").path)
            .filter { $0.hasSuffix(".sqlite") }.sorted()
        #expect(shards == ["cyclegan-default-celebahq-smoke-seed0.sqlite", "cyclegan-default-celebahq-smoke-seed1.sqlite",
                           "stargan-default-celebahq-smoke-seed0.sqlite", "stargan-default-celebahq-smoke-seed1.sqlite"])

        let report = try BuiltProducts.executable("report")
        let merged = results.appendingPathComponent("results.sqlite").path
        let arguments = ["merge"] + shards.map { results.appendingPathComponent("shards/\($0)").path } + ["--database", merged, "--strict"]
        let first = try BuiltCommand.run(report, arguments, log: scratch.path("merge1.log"), seconds: 60)
        #expect(first.status == 0, "\(first.output)")
        let counts = try ResultsDatabase(readingFrom: merged).rowCounts()
        let second = try BuiltCommand.run(report, arguments, log: scratch.path("merge2.log"), seconds: 60)
        #expect(second.status == 0, "\(second.output)")
        #expect(try ResultsDatabase(readingFrom: merged).rowCounts() == counts)

        let store = try ResultsDatabase(readingFrom: merged)
        let runs = try store.runs(status: .finished).filter { $0.variant != "evaluator" }
        #expect(runs.map { "\($0.method)-\($0.seed)" }.sorted() == ["cyclegan-0", "cyclegan-1", "stargan-0", "stargan-1"])
        // The evaluators every task trained (same configuration) are one run each after the merge.
        let evaluators = try store.runs().filter { $0.variant == "evaluator" }
        #expect(evaluators.count == 2, "\(evaluators.map(\.method))")
        for run in runs { #expect(try store.metrics(ofRun: run.id!).contains { $0.name == "fid" }, "\(run.method) \(run.seed)") }
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("shards/results.sqlite").path))
    }

    static func taskLogs(_ results: URL) -> String {
        let sweeps = results.appendingPathComponent("sweeps")
        let logs = (FileManager.default.enumerator(atPath: sweeps.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".log") }
        return logs.map { "== \($0)\n" + ((try? String(contentsOf: sweeps.appendingPathComponent($0), encoding: .utf8)) ?? "") }
            .joined(separator: "\n")
    }
}

