import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT / SIGTERM while training: the trainer finishes the current iteration, writes a checkpoint
/// and returns `.interrupted`, so a rerun continues from there. The signals are caught through
/// dispatch sources (no work inside a signal handler); the default action comes back with `stop()`.
public final class StopRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requested: Int32?
    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32] = [SIGINT, SIGTERM]

    public init() {}

    /// The signal that asked to stop, if any.
    public var signal: Int32? { lock.lock(); defer { lock.unlock() }; return requested }

    public func start() {
        for number in signals {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock(); self.requested = number; self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    public func stop() {
        for source in sources { source.cancel() }
        sources = []
        for number in signals { Glibc.signal(number, SIG_DFL) }
    }

    /// For tests: behave as if `number` had arrived.
    public func request(_ number: Int32) { lock.lock(); requested = number; lock.unlock() }
}

/// A test hook that makes the process SIGKILL itself right after iteration `k` is complete (after
/// its checkpoint, if one falls there), so the kill-and-resume test never depends on timing:
/// `HARNESS_KILL_AFTER_ITERATION=k`. Unset in normal use.
enum KillSwitch {
    static let environmentKey = "HARNESS_KILL_AFTER_ITERATION"

    static func iteration() -> Int? {
        ProcessInfo.processInfo.environment[environmentKey].flatMap(Int.init)
    }

    static func fire() -> Never {
        kill(getpid(), SIGKILL)
        fatalError("SIGKILL did not stop the process")
    }
}
