import Foundation
import ResultsStore
import Testing
import TestSupport

/// `report export --format csv`: exact text for a hand-made database (stable order, RFC 4180 quoting).
@Suite struct MetricExportTests {
    @Test func exportsOneQuotedRowPerRunAndMetricInAStableOrder() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        // Inserted out of order: the export sorts by method, variant, …, metric name, protocol.
        let b = try db.startRun(try RunDescription(method: "stargan", variant: "default", dataset: "celebahq", profile: "smoke",
                                                   seed: 1, configJSON: "{\"b\":1}", codeVersion: "v1"), now: start)
        let a = try db.startRun(try RunDescription(method: "bilgan", variant: "with \"quotes\", comma", dataset: "celebahq",
                                                   profile: "smoke", seed: 0, configJSON: "{\"a\":1}", codeVersion: "v1"), now: start)
        try db.finishRun(b, finalMetrics: [
            MetricValue(name: "ms_ssim", value: 0.5, sampleCount: 32, protocolName: "ms-ssim/2-scales-renormalised"),
            MetricValue(name: "fid", value: 12.25, sampleCount: 32, protocolName: "FD-SynthFaces/0123456789ab"),
        ], now: start)
        try db.finishRun(a, finalMetrics: [
            MetricValue(name: "fid", value: 0.1, sampleCount: 4, protocolName: "FD-SynthFaces/0123456789ab/k5"),
        ], now: start.addingTimeInterval(0.5))
        let hashA = try #require(try db.run(a)).configHash, hashB = try #require(try db.run(b)).configHash

        let expected = """
            run_id,method,variant,dataset,profile,seed,status,config_hash,code_version,metric,protocol,evaluator_hash,value,sample_count,recorded_at
            \(a),bilgan,"with ""quotes"", comma",celebahq,smoke,0,finished,\(hashA),v1,fid,FD-SynthFaces/0123456789ab/k5,0123456789ab,0.1,4,2023-11-14T22:13:20.500Z
            \(b),stargan,default,celebahq,smoke,1,finished,\(hashB),v1,fid,FD-SynthFaces/0123456789ab,0123456789ab,12.25,32,2023-11-14T22:13:20.000Z
            \(b),stargan,default,celebahq,smoke,1,finished,\(hashB),v1,ms_ssim,ms-ssim/2-scales-renormalised,,0.5,32,2023-11-14T22:13:20.000Z

            """
        #expect(MetricExport.csv(rows: try MetricExport.rows(in: db)) == expected)

        // The same through the executable, into a file.
        let report = try BuiltProducts.executable("report", overrideVariable: "REPORT_EXECUTABLE")
        let out = dir.path("export/metrics.csv")
        let outcome = try BuiltCommand.run(report, ["export", "--format", "csv", "--database", dir.path("results.sqlite"),
                                                    "--output", out], log: URL(fileURLWithPath: dir.path("export.log")), seconds: 60)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == expected)
        #expect(outcome.output.contains("wrote 3 row(s)"))
    }

    @Test func evaluatorHashIsTheTwelveHexDigitSegment() {
        #expect(MetricExport.evaluatorHash(inProtocol: "attribute-classifier/3f2a00bc91de") == "3f2a00bc91de")
        #expect(MetricExport.evaluatorHash(inProtocol: "FD-SynthFaces/0123456789ab/real-test-vs-train/32") == "0123456789ab")
        #expect(MetricExport.evaluatorHash(inProtocol: "ms-ssim/2-scales-renormalised") == "")
        #expect(MetricExport.evaluatorHash(inProtocol: "x/0123456789AB") == "")
    }
}
