import Foundation
import ResultsStore
import Testing

/// Metrics added to finished runs by `evaluate`, and the FD-SynthFaces column they fill.
@Suite struct EvaluationRecordingTests {
    @Test func evaluationMetricsGoToFinishedRunsOnlyAndOncePerProtocol() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        let run = try db.startRun(RunDescription(method: MethodKey.stargan, variant: VariantKey.default, dataset: "celebahq",
                                                 profile: "default", seed: 0, configJSON: "{}", codeVersion: "test"))
        let fd = MetricValue(name: MetricName.fid, value: 3.5, sampleCount: 2400, protocolName: "FD-SynthFaces/abc")
        #expect(throws: StoreError.wrongRunState(run: run, status: "running", expected: "finished")) {
            try db.recordEvaluationMetrics(run: run, [fd])
        }
        try db.finishRun(run, finalMetrics: [])
        #expect(try !db.hasMetric(run: run, name: MetricName.fid, protocolName: "FD-SynthFaces/abc"))
        try db.recordEvaluationMetrics(run: run, [fd])
        #expect(try db.hasMetric(run: run, name: MetricName.fid, protocolName: "FD-SynthFaces/abc"))
        #expect(try !db.hasMetric(run: run, name: MetricName.fid, protocolName: "FID-Inception/abc"))
        #expect(throws: StoreError.self) { try db.recordEvaluationMetrics(run: run, [fd]) }
        #expect(throws: StoreError.unknownRun(999)) { try db.recordEvaluationMetrics(run: 999, [fd]) }
    }

    /// A `fid` measured in FD-SynthFaces space is headed and named after it, without the paper's
    /// Inception FIDs beside it; with FID-Inception values too, the table refuses to choose.
    @Test func featureSpaceNamesTheColumn() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        let run = try TableRenderingTests.finishedRun(db, method: MethodKey.stargan, variant: VariantKey.default, seed: 0, [
            MetricValue(name: MetricName.fid, value: 3.25, sampleCount: 2400, protocolName: "FD-SynthFaces/abc"),
            MetricValue(name: MetricName.msSSIM, value: 0.5, sampleCount: 2400, protocolName: "ms-ssim/3-scales-renormalised"),
        ])
        let table = try TableBuilder.build(PublishedTables.table2, from: db)
        let markdown = MarkdownRenderer().render(table)
        #expect(markdown.contains("| FD-SynthFaces (ours) |") && !markdown.contains("FID (ours)"), "\(markdown)")
        #expect(markdown.contains("| StarGAN | 3.25 (n=1) | – |"), "\(markdown)")
        #expect(!markdown.contains("19.75"), "the paper's Inception FID must not sit in the FD-SynthFaces column")
        #expect(CSVRenderer().render(table).split(separator: "\n")[0].contains("fd_synthfaces"))

        try db.recordEvaluationMetrics(run: run, [MetricValue(name: MetricName.fid, value: 20, sampleCount: 2400,
                                                              protocolName: "FID-Inception/def")])
        #expect(throws: StoreError.self) { try TableBuilder.build(PublishedTables.table2, from: db) }
        let inception = try TableBuilder.build(PublishedTables.table2, from: db,
                                               filter: RunFilter(protocols: [MetricName.fid: "FID-Inception/def"]))
        #expect(MarkdownRenderer().render(inception).contains("| FID (ours) |"))
    }
}
