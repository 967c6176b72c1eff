import Foundation
import Testing

/// `tensor-bench --quick --only evaluators --no-torch` (issue 11's evaluator rows) runs both networks
/// end to end in a real process: the bench checks each forward's feature shape before timing it, so a
/// broken network or input shape fails here. PyTorch is skipped (its side is
/// tools/check_bench_evaluator_models.py's business), so nothing depends on Python or on timings.
@Suite struct TensorBenchEvaluatorRowsTests {
    @Test func quickEvaluatorSectionTimesBothNetworks() throws {
        let (status, output) = try CommandRejectionTests.run("tensor-bench", ["--quick", "--only", "evaluators", "--no-torch", "--repeats", "1"])
        #expect(status == 0, "tensor-bench exited \(status): \(output)")
        let rows = output.split(separator: "\n").map(String.init)
        for (network, input) in [("FID Inception-v3 → 2048", "2×3×64²"), ("Light CNN-29 v2 → 256", "4×1×64²")] {
            guard let row = rows.first(where: { $0.hasPrefix(network) }) else {
                Issue.record("no row for \(network) in:\n\(output)")
                continue
            }
            let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // network name words, input, ours s/batch, PyTorch s/batch ("–"), ours images/s, PyTorch images/s ("–"), ratio ("–")
            let inputAt = try #require(cells.firstIndex(of: input), "\(network): input \(input) missing in \(row)")
            let rest = Array(cells[(inputAt + 1)...])
            #expect(rest.count == 5, "\(row)")
            guard rest.count == 5 else { continue }
            let seconds = try #require(Double(rest[0])), imagesPerSecond = try #require(Double(rest[2]))
            #expect(seconds > 0 && imagesPerSecond > 0, "\(row)")
            // images/s is batch / seconds, to the printed precision.
            let batch = Double(input.prefix { $0 != "×" })!
            #expect(abs(imagesPerSecond - batch / seconds) <= 0.01 + 0.02 * imagesPerSecond, "\(row)")
            #expect(rest[1] == "–" && rest[3] == "–" && rest[4] == "–", "--no-torch must leave the PyTorch columns empty: \(row)")
        }
    }
}
