import Foundation
import Kernels
import TestSupport
import Testing

/// OpenBLAS kernel selection (Kernels/KernelSelection): the feature → core table, every branch of the
/// restart decision with the CPU, the reported core and the environment passed in (so the fallback case
/// runs on any machine without touching the real variable), the loop guard, the self-check, and one real
/// process that restarts itself.
@Suite struct KernelSelectionTests {
    static func features(_ names: Set<String>, brand: String = "Intel(R) Xeon(R) Processor") -> CPUFeatures {
        var f = CPUFeatures(isX86: true, brand: brand)
        f.sse3 = names.contains("sse3"); f.ssse3 = names.contains("ssse3")
        f.sse41 = names.contains("sse4.1"); f.sse42 = names.contains("sse4.2")
        f.avx = names.contains("avx"); f.fma = names.contains("fma"); f.avx2 = names.contains("avx2")
        f.avx512f = names.contains("avx512f"); f.avx512bw = names.contains("avx512bw")
        f.avx512dq = names.contains("avx512dq"); f.avx512vl = names.contains("avx512vl")
        f.avx512bf16 = names.contains("avx512bf16"); f.avx512fp16 = names.contains("avx512fp16")
        return f
    }
    static let sse: Set<String> = ["sse3", "ssse3", "sse4.1", "sse4.2"]
    static let haswell = sse.union(["avx", "fma", "avx2"])
    static let skylakeX = haswell.union(["avx512f", "avx512bw", "avx512dq", "avx512vl"])
    static let cooperlake = skylakeX.union(["avx512bf16", "avx512fp16"])
    static let passing: @Sendable () -> String? = { nil }

    @Test func strongestCoreForEachFeatureSet() {
        let table: [(Set<String>, OpenBLASCore?)] = [
            ([], nil), (["sse3"], .prescott), (["sse3", "ssse3"], .core2), (Self.sse, .nehalem),
            (Self.sse.union(["avx"]), .sandybridge),
            (Self.sse.union(["avx", "avx2"]), .sandybridge),          // AVX2 without FMA: no Haswell kernels
            (Self.haswell, .haswell),
            (Self.haswell.union(["avx512f", "avx512bw", "avx512dq"]), .haswell),  // no VL: not SkylakeX
            (Self.skylakeX, .skylakeX), (Self.cooperlake, .cooperlake),
        ]
        for (names, expected) in table {
            #expect(OpenBLASCore.best(for: Self.features(names)) == expected, "\(names.sorted())")
        }
        #expect(OpenBLASCore.best(for: CPUFeatures(isX86: false)) == nil)
    }

    @Test func reportedNamesAreRankedCaseInsensitively() {
        #expect(OpenBLASCore(reportedName: "Prescott") == .prescott)
        #expect(OpenBLASCore(reportedName: "SkylakeX") == .skylakeX)
        #expect(OpenBLASCore(reportedName: "SAPPHIRERAPIDS") == .sapphireRapids)
        #expect(OpenBLASCore(reportedName: "Zen")?.level == OpenBLASCore.haswell.level)
        #expect(OpenBLASCore(reportedName: "Cooperlake")!.level > OpenBLASCore.skylakeX.level)
        #expect(OpenBLASCore(reportedName: "Armv8") == nil)
        #expect(OpenBLASCore.skylakeX.environmentValue == "SKYLAKEX")
    }

    /// The VM of the bug report: generic model name, full AVX-512 with BF16, OpenBLAS fell back to Prescott.
    @Test func fallbackRestartsWithTheRightCore() {
        let decision = BLASKernelSelection.decide(features: Self.features(Self.cooperlake), reportedCore: "Prescott",
                                                  environment: ["PATH": "/usr/bin"], selfCheck: Self.passing)
        #expect(decision == .restart(environment: ["PATH": "/usr/bin", "OPENBLAS_CORETYPE": "COOPERLAKE",
                                                   "HARNESS_BLAS_SELECTION": "restarted:Prescott:COOPERLAKE"],
                                     warning: nil))
    }

    @Test func noChangeWhereOpenBLASIsRightOrTheUserChose() {
        let cases: [(CPUFeatures, String, [String: String])] = [
            (Self.features(Self.haswell), "Haswell", [:]),
            (Self.features(Self.haswell), "Zen", [:]),                      // AMD: same level as Haswell
            (Self.features(Self.skylakeX), "Cooperlake", [:]),              // OpenBLAS chose stronger: fine
            (Self.features(Self.cooperlake), "Prescott", ["OPENBLAS_CORETYPE": "PRESCOTT"]),  // honoured
            (Self.features(Self.cooperlake), "Prescott", ["HARNESS_BLAS_SELECTION": "off"]),  // opt-out
            (Self.features(Self.cooperlake), "SomeFutureCore", [:]),        // unknown name: cannot compare
            (CPUFeatures(isX86: false), "Armv8", [:]),                      // not x86
        ]
        for (features, reported, environment) in cases {
            #expect(BLASKernelSelection.decide(features: features, reportedCore: reported, environment: environment,
                                               selfCheck: Self.passing) == .keep, "\(reported) \(environment)")
        }
    }

    /// fresh → restart → verified → (children) keep: each state reached from the previous one's output.
    @Test func restartChainEndsAfterOneRestart() {
        let cpu = Self.features(Self.skylakeX)
        guard case let .restart(restarted, nil) = BLASKernelSelection.decide(
            features: cpu, reportedCore: "Prescott", environment: [:], selfCheck: Self.passing) else {
            Issue.record("expected a restart"); return
        }
        var selfChecks = 0
        let verified = BLASKernelSelection.decide(features: cpu, reportedCore: "SkylakeX", environment: restarted,
                                                  selfCheck: { selfChecks += 1; return nil })
        guard case let .proceed(state, message) = verified else { Issue.record("expected proceed, got \(verified)"); return }
        #expect(selfChecks == 1)
        #expect(state == "verified:Prescott:SkylakeX")
        #expect(message.contains("Prescott") && message.contains("SkylakeX") && message.contains("OPENBLAS_CORETYPE=SKYLAKEX"))
        #expect(!message.contains("\n"), "one line")
        var child = restarted
        child["HARNESS_BLAS_SELECTION"] = state
        #expect(BLASKernelSelection.decide(features: cpu, reportedCore: "SkylakeX", environment: child,
                                           selfCheck: Self.passing) == .keep)
    }

    @Test func wrongKernelIsRejectedAndOpenBLASChoiceKept() {
        let restarted = ["OPENBLAS_CORETYPE": "HASWELL", "HARNESS_BLAS_SELECTION": "restarted:Prescott:HASWELL", "HOME": "/root"]
        let decision = BLASKernelSelection.decide(features: Self.features(Self.haswell), reportedCore: "Haswell",
                                                  environment: restarted, selfCheck: { "C[0,0] = 3 instead of 2" })
        guard case let .restart(environment, warning?) = decision else { Issue.record("expected a revert, got \(decision)"); return }
        #expect(environment["OPENBLAS_CORETYPE"] == nil && environment["HOME"] == "/root")
        #expect(environment["HARNESS_BLAS_SELECTION"]?.hasPrefix("rejected:") == true)
        #expect(warning.contains("keeping OpenBLAS's own Prescott kernels") && warning.contains("wrong product"))
        // The loop guard: after the revert nothing restarts again, even though OpenBLAS is still weak.
        #expect(BLASKernelSelection.decide(features: Self.features(Self.haswell), reportedCore: "Prescott",
                                           environment: environment, selfCheck: Self.passing) == .keep)
    }

    @Test func coreThatOpenBLASIgnoredIsRejected() {
        let restarted = ["OPENBLAS_CORETYPE": "COOPERLAKE", "HARNESS_BLAS_SELECTION": "restarted:Prescott:COOPERLAKE"]
        var checked = false
        let decision = BLASKernelSelection.decide(features: Self.features(Self.cooperlake), reportedCore: "Prescott",
                                                  environment: restarted, selfCheck: { checked = true; return nil })
        guard case let .restart(environment, warning?) = decision else { Issue.record("expected a revert"); return }
        #expect(!checked, "no self-check of kernels that are not the forced ones")
        #expect(environment["OPENBLAS_CORETYPE"] == nil && warning.contains("did not take OPENBLAS_CORETYPE=COOPERLAKE"))
    }

    @Test func selfCheckPassesOnOpenBLASAndCatchesWrongProducts() {
        #expect(BLASKernelSelection.sgemmSelfCheck() == nil)
        // A kernel that ignores the transpose flag of B, and one that is off in the last bits of one row.
        let ignoresTranspose = BLASKernelSelection.sgemmSelfCheck { ta, _, m, n, k, a, lda, b, ldb, c, ldc in
            BLAS.gemm(transA: ta, transB: false, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: n, c: c, ldc: ldc)
        }
        #expect(ignoresTranspose?.contains("transB true") == true)
        let perturbed = BLASKernelSelection.sgemmSelfCheck { ta, tb, m, n, k, a, lda, b, ldb, c, ldc in
            BLAS.gemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            c[5 * ldc + 7] += 0.05
        }
        #expect(perturbed?.hasPrefix("C[5,7]") == true)
    }

    /// A real `tensor-bench --blas-info` told to believe OpenBLAS reported Prescott: it restarts itself
    /// once with the best core for this CPU, verifies it and logs one line. Where the environment already
    /// names a core (some machines set it on purpose), the process must honour it and not restart.
    @Test func realProcessRestartsOnceWithTheBestCore() throws {
        let features = CPUFeatures.current
        guard let best = OpenBLASCore.best(for: features), best.level > OpenBLASCore.prescott.level else { return }
        let binary = try BuiltProducts.executable("tensor-bench")
        var environment = ProcessInfo.processInfo.environment
        environment[BLASKernelSelection.stateVariable] = nil
        environment[BLASKernelSelection.pretendVariable] = "Prescott"
        let (status, out, err) = try Self.run(binary, ["--blas-info"], environment: environment)
        #expect(status == 0, "\(err)")
        if let preset = environment[BLASKernelSelection.coreTypeVariable] {
            #expect(err.isEmpty && out.contains("OPENBLAS_CORETYPE=\(preset)"))
            return
        }
        #expect(out.contains("OPENBLAS_CORETYPE=\(best.environmentValue)"), "\(out)")
        #expect(out.contains("verified:Prescott:"), "\(out)")
        let logLines = err.split(separator: "\n").filter { $0.hasPrefix("harness:") }
        #expect(logLines.count == 1 && logLines[0].contains("OpenBLAS picked Prescott kernels"), "\(err)")
    }


    /// Runs to completion with output in files (no pipe can fill up); bounded by the child's own work.
    static func run(_ url: URL, _ arguments: [String], environment: [String: String]) throws -> (Int32, String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-selection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
                try String(contentsOf: errURL, encoding: .utf8))
    }
}
