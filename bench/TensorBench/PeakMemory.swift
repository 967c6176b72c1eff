import Experiments
import Foundation
import Kernels

/// Peak memory of a training row's peak iteration (`TimedTrainingUnit.peakIteration`), ours and
/// PyTorch's, each in a fresh child process (`tensor-bench --memory-child`, `torch_bench.py
/// --memory-child`), so that no other row's buffers, caches or allocator state count. The number is
/// the child's peak resident set size (VmHWM), read after the iteration; the peak before it
/// (process, libraries, weights, batch) is shown beside it.
enum PeakMemory {
    struct Reading {
        let peakBytes: Double
        /// After building the networks, optimisers and batch; at the process's start.
        let beforeBytes: Double
        let startBytes: Double
    }

    /// Peak resident set size of this process so far, in bytes: VmHWM from /proc/self/status on
    /// Linux, else `getrusage` ru_maxrss. Not ru_maxrss on Linux: it carries over the parent's RSS
    /// across fork and exec (both sides read 0.79 GB "before" when spawned from this bench).
    static func maxResidentBytes() -> Int {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
            return kib * 1024
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }

    /// In the child: build the row's unit, run its peak iteration once, print one JSON line.
    static func child(row: TrainingRow, profile: Profile, seed: UInt64) throws {
        let start = maxResidentBytes()
        let unit = try row.unit(profile: profile, seed: seed)
        let before = maxResidentBytes()
        unit.peakIteration.run()
        print("{\"peak_bytes\": \(maxResidentBytes()), \"before_bytes\": \(before), \"start_bytes\": \(start)}")
    }

    static func reading(_ json: [String: Any]?) -> Reading? {
        guard let peak = json?["peak_bytes"] as? NSNumber, let before = json?["before_bytes"] as? NSNumber,
              let start = json?["start_bytes"] as? NSNumber else { return nil }
        return Reading(peakBytes: peak.doubleValue, beforeBytes: before.doubleValue, startBytes: start.doubleValue)
    }

    /// Ours: this executable again, as a child.
    static func ours(method: String, profile: Profile, seed: UInt64) -> Reading? {
        guard let executable = Bundle.main.executablePath else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["--memory-child", method, "--memory-profile", profile.url.path, "--seed", String(seed)]
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else { return nil }
        return reading(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func run(method: String, profile: Profile, seed: UInt64, torchPython: String?) throws {
        let unit = try TrainingRow.named(method).unit(profile: profile, seed: seed)   // validates before spawning
        let torch = torchPython.flatMap { python in
            reading(TorchPeer.json(python: python, arguments: ["--memory-child", method, "--profile", profile.url.path,
                                                              "--threads", String(Parallel.workerCount)]))
        }
        let ours = ours(method: method, profile: profile, seed: seed)
        print("\npeak memory of one \(method) iteration (\(unit.peakIteration.description)) at profile \(profile.name), "
              + "each in its own child process (peak RSS, VmHWM)")
        func gb(_ bytes: Double?) -> String { bytes.map { String(format: "%.2f GB", $0 / 1e9) } ?? "–" }
        let ratio = ours.flatMap { o in torch.map { o.peakBytes / $0.peakBytes } }
        func cells(_ side: String, _ r: Reading?) -> [String] {
            [side, gb(r?.peakBytes), gb(r?.startBytes), gb(r?.beforeBytes), gb(r.map { $0.peakBytes - $0.beforeBytes })]
        }
        TextTable.print(header: ["side", "peak", "at process start", "before the iteration", "peak − before"],
                        rows: [cells("ours", ours), cells("PyTorch", torch)])
        print("ours/PyTorch peak: " + (ratio.map { String(format: "%.2f", $0) } ?? "–")
              + " (target ≤ 1.00" + (ratio.map { $0 <= 1 ? ": met)" : ": MISSED)" } ?? ")"))
        if ours == nil { print("  our memory child failed (see its message above)") }
    }
}
