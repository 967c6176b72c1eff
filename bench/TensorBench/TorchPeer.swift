import Foundation

/// Runs bench/torch_bench.py with the machine's python3 and reads its JSON, so that both sides are
/// measured in the same `make bench` run on the same machine state.
enum TorchPeer {
    struct Result {
        var seconds: [String: Double]
        var meta: String
    }

    static func run(quick: Bool, threads: Int, repeats: Int, python: String) -> Result? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("torch_bench.py").path
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = [python, "-c", "import torch"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return nil }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, script, "--threads", String(threads), "--repeats", String(repeats)] + (quick ? ["--quick"] : [])
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        var seconds = [String: Double]()
        for (k, v) in json { if let d = v as? Double { seconds[k] = d } }
        let meta = (json["_meta"] as? [String: Any]).map { m in
            "torch \(m["torch"] ?? "?"), \(m["threads"] ?? "?") threads"
        } ?? ""
        return Result(seconds: seconds, meta: meta)
    }
}
