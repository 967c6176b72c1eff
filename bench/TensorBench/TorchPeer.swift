import Foundation

/// Runs bench/torch_bench.py with the machine's python3 and reads its JSON, so that both sides are
/// measured in the same `make bench` run on the same machine state.
///
/// The child gets `OMP_WAIT_POLICY=PASSIVE` unless the caller set a policy: PyTorch's OpenMP workers
/// otherwise spin while they wait, and on a machine shared with other jobs (more runnable threads
/// than cores) a spinning worker steals the core its partner needs — measured here: one CycleGAN
/// smoke step 9.7 s spinning vs 0.07 s passive. Our workers block (Dispatch), so passive is the fair
/// peer; on an idle machine the difference is small.
enum TorchPeer {
    struct Result {
        var seconds: [String: Double]
        var meta: String
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("torch_bench.py").path
    }

    /// Whether `python` can import torch.
    static func available(python: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = [python, "-c", "import torch"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    static var waitPolicy: String { ProcessInfo.processInfo.environment["OMP_WAIT_POLICY"] ?? "PASSIVE" }

    /// torch_bench.py's JSON object for `arguments`, or nil when it fails (its stderr passes through).
    static func json(python: String, arguments: [String]) -> [String: Any]? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_WAIT_POLICY"] = waitPolicy
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static func describe(_ json: [String: Any]) -> String {
        (json["_meta"] as? [String: Any]).map { m in
            "torch \(m["torch"] ?? "?"), \(m["threads"] ?? "?") threads, OMP_WAIT_POLICY=\(waitPolicy)"
        } ?? ""
    }

    /// The tensor-op cases.
    static func run(quick: Bool, threads: Int, repeats: Int, python: String) -> Result? {
        guard available(python: python),
              let json = json(python: python, arguments: ["--threads", String(threads), "--repeats", String(repeats)] + (quick ? ["--quick"] : []))
        else { return nil }
        var seconds = [String: Double]()
        for (k, v) in json { if let d = v as? Double { seconds[k] = d } }
        return Result(seconds: seconds, meta: describe(json))
    }
}
