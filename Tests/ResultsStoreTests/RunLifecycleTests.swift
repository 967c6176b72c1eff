import Foundation
import ResultsStore
import Testing

@Suite struct RunLifecycleTests {
    static func description(seed: Int = 0, method: String = "stargan", variant: String = "default") throws -> RunDescription {
        try RunDescription(method: method, variant: variant, dataset: "celeba-hq", profile: "paper", seed: seed,
                           configJSON: #"{"lr": 0.0001}"#, codeVersion: "v0-1-gabc")
    }

    @Test func databaseIsMigratedAndInWALMode() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("nested/results.sqlite"))
        #expect(try db.journalMode() == "wal")
        #expect(try db.rowCounts() == ["run": 0, "metric": 0, "artefact": 0, "studyItem": 0, "studyVote": 0])
        _ = try ResultsDatabase(path: dir.path("nested/results.sqlite")) // reopening migrates nothing twice
        #expect(try db.integrityCheck() == "ok")
    }

    @Test func runIsFinishedTogetherWithItsMetrics() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("r.sqlite"))
        let id = try db.startRun(Self.description())
        #expect(try db.run(id)?.status == .running)
        try db.recordMetrics(run: id, [MetricValue(name: "fid@10k", value: 30, sampleCount: 300, protocolName: "clean")])
        try db.recordArtefact(ArtefactRecord(runId: id, kind: .checkpoint, path: "results/runs/1/g.safetensors"))
        let breakdown = ["Black_Hair": BreakdownEntry(value: 0.1, sampleCount: 300)]
        try db.finishRun(id, finalMetrics: [
            MetricValue(name: MetricName.fid, value: 19.5, sampleCount: 300, protocolName: "clean"),
            MetricValue(name: MetricName.classificationError, value: 0.09, sampleCount: 2400, protocolName: "cls-v1", breakdown: breakdown),
        ])
        let run = try #require(try db.run(id))
        #expect(run.status == .finished && run.finishedAt != nil)
        #expect(run.configHash == CanonicalJSON.hash(#"{"lr":0.0001}"#))
        let metrics = try db.metrics(ofRun: id)
        #expect(metrics.map(\.name) == ["fid@10k", MetricName.fid, MetricName.classificationError])
        #expect(try metrics[2].breakdown() == breakdown)
        #expect(throws: StoreError.wrongRunState(run: id, status: "finished", expected: "running")) {
            try db.finishRun(id, finalMetrics: [])
        }
    }

    /// The hash a run is named by (`CanonicalJSON.encode`) is the hash the store files it under, also
    /// for keys that `JSONEncoder` and `JSONSerialization` sort differently (BiL-GAN's switches).
    @Test func encodedConfigHashesAsTheStoreCanonicalizesIt() throws {
        struct Switches: Encodable { var phases = "biphasic"; var phaseTwoAdversarial = "inherited"; var Zeta = 1; var alpha = 0.0001 }
        let encoded = try CanonicalJSON.encode(["method": "bilgan", "nested": .value(Switches())] as [String: AnyEncodableSwitches])
        #expect(try CanonicalJSON.canonicalize(encoded) == encoded)
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("r.sqlite"))
        let id = try db.startRun(RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 0,
                                                configJSON: encoded, codeVersion: "c"))
        #expect(try #require(try db.run(id)).configHash == CanonicalJSON.hash(encoded))
    }

    @Test func invalidMetricsRollTheWholeFinishBack() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("r.sqlite"))
        let id = try db.startRun(Self.description())
        #expect(throws: StoreError.self) {
            try db.finishRun(id, finalMetrics: [
                MetricValue(name: "fid", value: 19.5, sampleCount: 300, protocolName: "clean"),
                MetricValue(name: "ms_ssim", value: .nan, sampleCount: 300, protocolName: "p"),
            ])
        }
        #expect(try db.run(id)?.status == .running)
        #expect(try db.metrics(ofRun: id).isEmpty)
        #expect(throws: StoreError.self) {
            try db.finishRun(id, finalMetrics: [
                MetricValue(name: "fid", value: 19.5, sampleCount: 300, protocolName: "clean"),
                MetricValue(name: "fid", value: 19.6, sampleCount: 300, protocolName: "clean"),
            ])
        }
        #expect(try db.metrics(ofRun: id).isEmpty)
        #expect(throws: StoreError.unknownRun(999)) { try db.heartbeat(run: 999) }
    }

    @Test func staleRunsAreAbandonedAndFailuresKeepTheirReason() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("r.sqlite"))
        let start = Date(timeIntervalSince1970: 1_000_000)
        let stale = try db.startRun(Self.description(seed: 0), now: start)
        let alive = try db.startRun(Self.description(seed: 1), now: start)
        let failing = try db.startRun(Self.description(seed: 2), now: start)
        try db.heartbeat(run: alive, now: start.addingTimeInterval(3000))
        try db.failRun(failing, message: "out of memory", now: start.addingTimeInterval(10))
        let abandoned = try db.abandonStaleRuns(olderThan: 3600, now: start.addingTimeInterval(4000))
        #expect(abandoned == [stale])
        #expect(try db.run(stale)?.status == .abandoned)
        #expect(try db.run(alive)?.status == .running)
        #expect(try db.run(failing)?.status == .failed && db.run(failing)?.statusMessage == "out of memory")
        #expect(throws: StoreError.self) { try db.recordMetrics(run: stale, []) }
    }

    @Test func userStudyVotesAreOnePerRaterAndItem() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("r.sqlite"))
        let item = try db.recordStudyItem(StudyItemRecord(study: "s", inputID: "28500", attributeGroups: [AttributeGroup.aging],
                                                          methodA: MethodKey.bilgan, methodB: MethodKey.stargan,
                                                          imageA: "a.png", imageB: "b.png"))
        try db.recordVote(StudyVoteRecord(itemId: item, rater: "r1", preferred: .a))
        #expect(throws: StoreError.self) { try db.recordVote(StudyVoteRecord(itemId: item, rater: "r1", preferred: .b)) }
        #expect(throws: StoreError.self) { try db.recordVote(StudyVoteRecord(itemId: 42, rater: "r1", preferred: .b)) }
        #expect(throws: StoreError.self) {
            try StudyItemRecord(study: "s", inputID: "1", attributeGroups: [], methodA: "a", methodB: "b", imageA: "", imageB: "")
        }
    }
}

/// An encodable holding either a string or the switches struct, for the canonical-JSON test.
enum AnyEncodableSwitches: Encodable, ExpressibleByStringLiteral {
    case text(String), value(any Encodable)
    init(stringLiteral value: String) { self = .text(value) }
    func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .value(let v): try v.encode(to: encoder)
        }
    }
}
