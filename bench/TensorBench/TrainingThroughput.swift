import Experiments
import Foundation
import Kernels

/// The training table of `make bench`: for each `TrainingRow`, training images per second at a
/// profile, ours and PyTorch's (bench/training_rows/), measured one right after the other for each
/// row so that both see the same load on a shared machine.
enum TrainingThroughput {
    /// The target of issue 9: ours at least 0.7 × PyTorch's throughput.
    static let targetRatio = 0.7

    struct Measurement {
        let method: String
        let unit: String
        let ours: Double          // images per second
        let torch: Double?
    }

    static func run(profile: Profile, seed: UInt64, repeats: Int, torchPython: String?) throws -> [Measurement] {
        var out: [Measurement] = []
        var torchMeta = ""
        for row in TrainingRow.all {
            // Built (and so validated) before PyTorch runs, so a bad profile fails fast.
            let unit = try row.unit(profile: profile, seed: seed)
            var torch: Double?
            if let torchPython {
                let json = TorchPeer.json(python: torchPython, arguments: [
                    "--training-row", row.method.rawValue, "--profile", profile.url.path,
                    "--threads", String(Parallel.workerCount), "--repeats", String(repeats)])
                torch = (json?["images_per_second"] as? NSNumber)?.doubleValue
                if let json, torchMeta.isEmpty { torchMeta = TorchPeer.describe(json) }
                if json == nil { print("  PyTorch row \(row.method.rawValue) failed (see its message above)") }
            }
            let seconds = Timing.median(repeats: repeats) { unit.run() }
            out.append(Measurement(method: row.method.rawValue, unit: unit.description,
                                   ours: Double(unit.imagesPerUnit) / seconds, torch: torch))
        }
        print("\ntraining throughput at profile \(profile.name) (\(profile.url.path)), seed \(seed), "
              + "batch in memory, median of \(repeats) units after one warm-up; \(Parallel.workerCount) workers"
              + (torchMeta.isEmpty ? "" : "; PyTorch: \(torchMeta)"))
        let header = ["method", "unit timed", "images/s ours", "images/s PyTorch", "ratio ours/PyTorch", "target"]
        let rows = out.map { m -> [String] in
            let ratio = m.torch.map { m.ours / $0 }
            return [m.method, m.unit, String(format: "%.2f", m.ours), m.torch.map { String(format: "%.2f", $0) } ?? "–",
                    ratio.map { String(format: "%.2f", $0) } ?? "–",
                    ratio.map { $0 >= targetRatio ? "≥ 0.70 met" : "≥ 0.70 MISSED" } ?? "≥ 0.70"]
        }
        TextTable.print(header: header, rows: rows)
        return out
    }
}
