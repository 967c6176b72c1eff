import Foundation
import GRDB
import ResultsStore
import Testing
import TestSupport

/// `merge(shard:)` and `report merge` on tiny hand-made shards: a finished run with metrics and an
/// artefact, a failed run, the same run in two shards, a corrupt file.
@Suite struct ShardMergeTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func description(method: String, seed: Int) throws -> RunDescription {
        try RunDescription(method: method, variant: "default", dataset: "celebahq", profile: "smoke", seed: seed,
                           configJSON: "{\"method\":\"\(method)\",\"seed\":\(seed)}", codeVersion: "tests")
    }

    /// A shard with one finished run (two metrics, one checkpoint).
    static func finishedShard(_ path: String, method: String = "stargan", seed: Int = 0, fid: Double = 12.5) throws {
        let shard = try ResultsDatabase(path: path)
        let id = try shard.startRun(try description(method: method, seed: seed), now: start)
        _ = try shard.recordArtefact(ArtefactRecord(runId: id, kind: .checkpoint, path: "runs/\(method)/checkpoints/4", createdAt: start))
        try shard.finishRun(id, finalMetrics: [
            MetricValue(name: "fid", value: fid, sampleCount: 32, protocolName: "FD-SynthFaces/0123456789ab"),
            MetricValue(name: "ms_ssim", value: 0.25, sampleCount: 32, protocolName: "ms-ssim/2-scales-renormalised"),
        ], now: start.addingTimeInterval(60))
    }

    /// A shard whose run failed.
    static func failedShard(_ path: String) throws {
        let shard = try ResultsDatabase(path: path)
        let id = try shard.startRun(try description(method: "cyclegan", seed: 1), now: start)
        try shard.failRun(id, message: "loss is NaN at iteration 3", now: start.addingTimeInterval(5))
    }

    @Test func mergingTheSameShardTwiceAddsItOnce() throws {
        let dir = try TemporaryDirectory()
        try Self.finishedShard(dir.path("a.sqlite"))
        let target = try ResultsDatabase(path: dir.path("results.sqlite"))
        let first = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("a.sqlite")))
        #expect(first.runs.map(\.action) == [.added])
        #expect(first.runs.first?.metricsCopied == 2)
        let counts = try target.rowCounts()
        #expect(counts["run"] == 1 && counts["metric"] == 2 && counts["artefact"] == 1)

        let second = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("a.sqlite")))
        #expect(second.runs.map(\.action) == [.alreadyPresent])
        #expect(second.runs.first?.metricsCopied == 0)
        #expect(try target.rowCounts() == counts)
        let run = try #require(try target.runs().first)
        #expect(run.status == .finished && run.method == "stargan" && run.finishedAt == Self.start.addingTimeInterval(60))
        #expect(Set(try target.metrics(ofRun: run.id!).map(\.name)) == ["fid", "ms_ssim"])
    }

    @Test func theSameRunInTwoShardsIsOneRun() throws {
        let dir = try TemporaryDirectory()
        try Self.finishedShard(dir.path("a.sqlite"))
        try Self.finishedShard(dir.path("b.sqlite"))   // e.g. an evaluator every task trained
        try Self.finishedShard(dir.path("c.sqlite"), seed: 1)
        let target = try ResultsDatabase(path: dir.path("results.sqlite"))
        for name in ["a", "b", "c"] { _ = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("\(name).sqlite"))) }
        #expect(try target.runs().map(\.seed) == [0, 1])
        #expect(try target.rowCounts()["metric"] == 4)
    }

    @Test func aFailedRunIsMergedWithItsStatusAndReported() throws {
        let dir = try TemporaryDirectory()
        try Self.failedShard(dir.path("failed.sqlite"))
        let target = try ResultsDatabase(path: dir.path("results.sqlite"))
        let outcome = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("failed.sqlite")))
        #expect(outcome.unfinished.count == 1)
        #expect(outcome.unfinished.first?.status == .failed)
        #expect(outcome.unfinished.first?.statusMessage == "loss is NaN at iteration 3")
        let run = try #require(try target.runs().first)
        #expect(run.status == .failed && run.statusMessage == "loss is NaN at iteration 3")
        // Merged again: still one row, still reported.
        let again = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("failed.sqlite")))
        #expect(again.unfinished.count == 1)
        #expect(try target.runs().count == 1)
    }

    @Test func aFinishedShardCompletesAnUnfinishedRunAndNotTheOtherWayRound() throws {
        let dir = try TemporaryDirectory()
        // The target holds the run still running (a first attempt merged early); the shard finished it.
        let target = try ResultsDatabase(path: dir.path("results.sqlite"))
        _ = try target.startRun(try Self.description(method: "stargan", seed: 0), now: Self.start)
        try Self.finishedShard(dir.path("a.sqlite"))
        let outcome = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("a.sqlite")))
        #expect(outcome.runs.map(\.action) == [.completed])
        #expect(try target.runs().map(\.status) == [.finished])
        #expect(try target.rowCounts()["metric"] == 2)

        // A shard with the same run unfinished leaves the finished one alone.
        let stale = try ResultsDatabase(path: dir.path("stale.sqlite"))
        let id = try stale.startRun(try Self.description(method: "stargan", seed: 0), now: Self.start)
        try stale.failRun(id, message: "killed", now: Self.start)
        let kept = try target.merge(shard: try ResultsDatabase(readingFrom: dir.path("stale.sqlite")))
        #expect(kept.runs.map(\.action) == [.unfinishedKept])
        #expect(try target.runs().map(\.status) == [.finished])
    }

    @Test func reportMergeNamesCorruptAndFailedShardsAndIsIdempotent() throws {
        let dir = try TemporaryDirectory()
        try Self.finishedShard(dir.path("good.sqlite"))
        try Self.failedShard(dir.path("failed.sqlite"))
        try Data("this is not SQLite\n".utf8).write(to: URL(fileURLWithPath: dir.path("corrupt.sqlite")))
        let report = try BuiltProducts.executable("report", overrideVariable: "REPORT_EXECUTABLE")
        let target = dir.path("merged.sqlite")
        func merge(_ shards: [String], _ name: String) throws -> BuiltCommand.Outcome {
            try BuiltCommand.run(report, ["merge"] + shards.map { dir.path($0) } + ["--database", target],
                                 log: URL(fileURLWithPath: dir.path("\(name).log")), seconds: 60)
        }

        let corrupt = try merge(["good.sqlite", "corrupt.sqlite"], "corrupt")
        #expect(corrupt.status != 0)
        #expect(corrupt.output.contains("corrupt.sqlite"), "\(corrupt.output)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is written when a shard cannot be read")

        let first = try merge(["good.sqlite", "failed.sqlite"], "first")
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("failed.sqlite: run cyclegan default seed 1 is failed (loss is NaN at iteration 3)"), "\(first.output)")
        let counts = try ResultsDatabase(readingFrom: target).rowCounts()
        let second = try merge(["good.sqlite", "failed.sqlite"], "second")
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("1 alreadyPresent"), "\(second.output)")
        #expect(try ResultsDatabase(readingFrom: target).rowCounts() == counts)
        #expect(counts["run"] == 2 && counts["metric"] == 2)

        let strict = try BuiltCommand.run(report, ["merge", dir.path("failed.sqlite"), "--database", target, "--strict"],
                                          log: URL(fileURLWithPath: dir.path("strict.log")), seconds: 60)
        #expect(strict.status == 3, "\(strict.output)")
    }
}
