import COpenBLAS
import Foundation

/// Makes OpenBLAS use the strongest kernels this CPU supports.
///
/// Debian's OpenBLAS (DYNAMIC_ARCH) picks its kernels by CPU *model*; on VMs that hide the model
/// ("Intel(R) Xeon(R) Processor") it falls back to Prescott (SSE3) kernels, 3–5× slower than the
/// AVX2/AVX-512 ones the CPU has. OpenBLAS reads `OPENBLAS_CORETYPE` only while it loads, so the fix is
/// to re-execute the process once with the variable set:
///
/// 1. fresh process: if `OPENBLAS_CORETYPE` is already set, it is honoured and nothing happens (some
///    machines set it on purpose). Otherwise, when OpenBLAS's choice is weaker than `OpenBLASCore.best`
///    for the CPU's feature bits, the process re-executes itself with the variable set;
/// 2. the re-executed process checks that OpenBLAS took the core and that a small sgemm matches a plain
///    reference loop, logs one line and marks the environment verified (children inherit it silently);
///    on a mismatch it warns and re-executes once more without the variable, keeping OpenBLAS's choice;
/// 3. `HARNESS_BLAS_SELECTION` records the state, so no process re-executes more than twice in total.
///
/// `decide` is a pure function of the CPU features, OpenBLAS's reported core, the environment and the
/// self-check, so every case is tested on any machine; `ensureBestKernel` applies it to this process.
public enum BLASKernelSelection {
    /// The state variable: absent (fresh), `restarted:<from>:<to>`, `verified:<from>:<to>`,
    /// `rejected:<reason>`, or `off` (a user's opt-out: leave OpenBLAS alone).
    public static let stateVariable = "HARNESS_BLAS_SELECTION"
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// Test hook: a fresh process acts as if OpenBLAS had reported this core (to exercise the re-exec
    /// on machines where OpenBLAS is already right). Ignored once the process has been restarted.
    public static let pretendVariable = "HARNESS_BLAS_PRETEND_CORE"

    public enum Decision: Equatable, Sendable {
        /// Nothing to do.
        case keep
        /// Re-execute this program with exactly `environment`; print `warning` first when given.
        case restart(environment: [String: String], warning: String?)
        /// Continue, set `stateUpdate` in this process's environment (inherited by children), log `message`.
        case proceed(stateUpdate: String, message: String)
    }

    /// The decision for a process with `environment`, on a CPU with `features`, where OpenBLAS reports
    /// `reportedCore` and `selfCheck` returns nil when sgemm is right (or what went wrong).
    public static func decide(features: CPUFeatures, reportedCore: String, environment: [String: String],
                              selfCheck: () -> String?) -> Decision {
        let state = environment[stateVariable]
        if let state, state.hasPrefix("restarted:") {
            let parts = state.split(separator: ":").map(String.init)
            let wanted = parts.count == 3 ? OpenBLASCore(reportedName: parts[2]) : nil
            let from = parts.count == 3 ? parts[1] : "?"
            var failure: String?
            if let wanted {
                if let now = OpenBLASCore(reportedName: reportedCore), now.level >= wanted.level {
                    failure = selfCheck().map { "\(reportedCore) kernels computed a wrong product (\($0))" }
                } else {
                    failure = "OpenBLAS did not take \(coreTypeVariable)=\(wanted.environmentValue) (it reports \(reportedCore))"
                }
            } else {
                failure = "unreadable \(stateVariable)=\(state)"
            }
            if let failure {
                var reverted = environment
                reverted[coreTypeVariable] = nil
                reverted[stateVariable] = "rejected:\(failure)"
                return .restart(environment: reverted, warning: "harness: warning: keeping OpenBLAS's own \(from) "
                                + "kernels: \(failure); set \(coreTypeVariable) to choose kernels yourself")
            }
            let cpu = features.brand.isEmpty ? features.summary : "\(features.brand), \(features.summary)"
            return .proceed(
                stateUpdate: "verified:\(from):\(reportedCore)",
                message: "harness: OpenBLAS picked \(from) kernels for this CPU (\(cpu)); now using \(reportedCore) "
                    + "kernels (\(coreTypeVariable)=\(wanted!.environmentValue), checked against a reference product). "
                    + "Set \(coreTypeVariable) or \(stateVariable)=off to choose yourself.")
        }
        guard state == nil, environment[coreTypeVariable] == nil,
              let best = OpenBLASCore.best(for: features) else { return .keep }
        let reported = environment[pretendVariable] ?? reportedCore
        guard let current = OpenBLASCore(reportedName: reported), current.level < best.level else { return .keep }
        var forced = environment
        forced[coreTypeVariable] = best.environmentValue
        forced[stateVariable] = "restarted:\(reported):\(best.environmentValue)"
        return .restart(environment: forced, warning: nil)
    }

    /// The kernel family OpenBLAS uses in this process ("Haswell", "Prescott", …).
    public static var reportedCore: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name).trimmingCharacters(in: .whitespaces)
    }

    /// Applies `decide` to this process; called first thing by every executable. Returns only when the
    /// process keeps running as it is (a restart replaces the process image and never returns).
    public static func ensureBestKernel() {
        let decision = decide(features: .current, reportedCore: reportedCore,
                              environment: ProcessInfo.processInfo.environment,
                              selfCheck: { sgemmSelfCheck() })
        switch decision {
        case .keep:
            return
        case let .proceed(stateUpdate, message):
            setenv(stateVariable, stateUpdate, 1)
            FileHandle.standardError.write(Data((message + "\n").utf8))
        case let .restart(environment, warning):
            if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            reexecute(environment: environment)
        }
    }

    /// Replaces this process with a fresh copy of the same program and arguments, under `environment`.
    /// If that fails the process goes on as it is, with a warning (slower kernels, right results).
    private static func reexecute(environment: [String: String]) {
        #if os(Linux)
        let program = "/proc/self/exe"
        #else
        let program = CommandLine.arguments[0]
        #endif
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        let variables = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve(program, arguments, variables)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("harness: warning: could not restart with faster OpenBLAS kernels (\(reason)); continuing\n".utf8))
    }

    /// Compares OpenBLAS's sgemm with a plain Float64 loop on small odd-sized products in all four
    /// transpose combinations; nil when every entry agrees to 1e-4 of the row's magnitude. Some OpenBLAS
    /// builds compute wrong results with a forced core on some CPUs; this catches that before use.
    public static func sgemmSelfCheck(
        gemm: (Bool, Bool, Int, Int, Int, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>, Int) -> Void
            = { ta, tb, m, n, k, a, lda, b, ldb, c, ldc in
                BLAS.gemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            }
    ) -> String? {
        let (m, n, k) = (37, 45, 67)
        var state: UInt32 = 12345
        func next() -> Float {   // a small LCG: the check must not depend on any other module
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(Int32(bitPattern: state >> 8) - (1 << 23)) / Float(1 << 23)
        }
        let a = (0..<(m * k)).map { _ in next() }, b = (0..<(k * n)).map { _ in next() }
        for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
            var c = [Float](repeating: .nan, count: m * n)
            let lda = transA ? m : k, ldb = transB ? k : n
            gemm(transA, transB, m, n, k, a, lda, b, ldb, &c, n)
            for i in 0..<m {
                for j in 0..<n {
                    var exact = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let x = Double(transA ? a[p * lda + i] : a[i * lda + p])
                        let y = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                        exact += x * y
                        magnitude += abs(x * y)
                    }
                    let got = Double(c[i * n + j])
                    if !(abs(got - exact) <= 1e-4 * max(magnitude, 1)) {
                        return "C[\(i),\(j)] = \(got) instead of \(exact) (transA \(transA), transB \(transB))"
                    }
                }
            }
        }
        return nil
    }
}
