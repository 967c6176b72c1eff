import Evaluators
import Foundation
import Kernels
import TensorCore

/// The evaluator table of `make bench` (issue 11): one inference forward of each evaluator network,
/// ours against PyTorch's (bench/evaluator_models.py, proven to be the same networks by
/// tools/check_bench_evaluator_models.py), measured one right after the other for each row so that
/// both see the same load on a shared machine. Eval mode, no gradients, default-initialised weights
/// (the time does not depend on their values), a uniform [0, 1] batch.
enum EvaluatorForward {
    /// One row: the network, its input and the PyTorch peer's name in torch_bench.py.
    struct Row {
        let name: String
        let torchName: String
        let batch: Int
        let size: Int
        let channels: Int
        let featureCount: Int
        /// Builds the network once (outside the timing) and returns its forward on a batch.
        let make: (inout RandomGenerator) -> (Tensor) -> Tensor

        var shape: [Int] { [batch, channels, size, size] }
    }

    /// Light CNN-29 v2's classifier width: upstream's 80013 identities, so that our forward, which
    /// computes the logits beside the feature as upstream's does, carries the same head.
    static let lightCNNClasses = 80013

    /// pytorch-fid's batch (50) at 299², and Light CNN at its 128²; `quick` keeps the networks whole but
    /// shrinks the batches (Inception still runs at 299², its input is resized to that).
    static func rows(quick: Bool) -> [Row] {
        [
            Row(name: "FID Inception-v3 → 2048", torchName: "fid_inception_v3", batch: quick ? 2 : 50,
                size: quick ? 64 : FIDInceptionV3.inputSize, channels: 3, featureCount: 2048) { g in
                let network = FIDInceptionV3(generator: &g)
                return { network.features($0) }
            },
            Row(name: "Light CNN-29 v2 → 256", torchName: "light_cnn29v2", batch: quick ? 4 : 32,
                size: quick ? 64 : 128, channels: 1, featureCount: 256) { g in
                let network = LightCNN29v2(classes: lightCNNClasses, inputSize: quick ? 64 : 128, generator: &g)
                network.eval()
                return { network.identityFeatures($0) }
            },
        ]
    }

    struct Measurement {
        let row: Row
        let ours: Double       // seconds per batch
        let torch: Double?     // seconds per batch
    }

    /// Times every row; `repeats` timed forwards after one warm-up on each side.
    static func run(quick: Bool, seed: UInt64, repeats: Int, torchPython: String?) -> [Measurement] {
        var out: [Measurement] = []
        var torchMeta = ""
        for row in rows(quick: quick) {
            var torch: Double?
            if let torchPython {
                let json = TorchPeer.json(python: torchPython, arguments: [
                    "--evaluator-row", row.torchName, "--batch", String(row.batch), "--size", String(row.size),
                    "--classes", String(lightCNNClasses),
                    "--threads", String(Parallel.workerCount), "--repeats", String(repeats)])
                torch = (json?["seconds"] as? NSNumber)?.doubleValue
                if let json, torchMeta.isEmpty { torchMeta = TorchPeer.describe(json) }
                if json == nil { print("  PyTorch row \(row.torchName) failed (see its message above)") }
            }
            var g = RandomGenerator(seed: seed)
            let forward = row.make(&g)
            let images = Tensor.uniform(row.shape, low: 0, high: 1, generator: &g)
            let first = forward(images)
            precondition(first.shape == [row.batch, row.featureCount], "\(row.name) returned \(first.shape)")
            let seconds = Timing.median(repeats: repeats, warmup: 0) { _ = forward(images) }
            out.append(Measurement(row: row, ours: seconds, torch: torch))
        }
        print("\nevaluator forward (inference: eval mode, no gradients), seed \(seed), median of \(repeats) "
              + "batches after one warm-up; \(Parallel.workerCount) workers"
              + (torchMeta.isEmpty ? "" : "; PyTorch: \(torchMeta)"))
        let header = ["network", "input", "ours (s/batch)", "PyTorch (s/batch)", "images/s ours", "images/s PyTorch",
                      "time ratio ours/PyTorch"]
        let rows = out.map { m -> [String] in
            let r = m.row
            return [r.name, "\(r.batch)×\(r.channels)×\(r.size)²", String(format: "%.3f", m.ours),
                    m.torch.map { String(format: "%.3f", $0) } ?? "–",
                    String(format: "%.2f", Double(r.batch) / m.ours),
                    m.torch.map { String(format: "%.2f", Double(r.batch) / $0) } ?? "–",
                    m.torch.map { String(format: "%.2f", m.ours / $0) + (m.ours < $0 ? " (ours faster)" : " (PyTorch faster)") } ?? "–"]
        }
        TextTable.print(header: header, rows: rows)
        print("time ratio = our seconds per batch / PyTorch's (< 1.00: ours faster; issue 11 asks ≤ 0.80).")
        return out
    }
}
