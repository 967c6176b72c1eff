import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT / SIGTERM while training: the trainer finishes the current iteration, writes a checkpoint
/// and returns `.interrupted`, so a rerun continues from there. The signals are caught through
/// dispatch sources (no work inside a signal handler), installed once per process by `SignalRelay`:
/// libdispatch installs its handler for a signal only when the first source for it is made, so
/// sources that were cancelled and made again (a second trainer in one process, as BiL-GAN's run
/// after its auxiliary run) would leave the signal ignored.
public final class StopRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requested: Int32?

    public init() {}

    /// The signal that asked to stop, if any.
    public var signal: Int32? { lock.lock(); defer { lock.unlock() }; return requested }

    /// From now until `stop()`, SIGINT and SIGTERM set `signal` instead of ending the process.
    public func start() { SignalRelay.shared.add(self) }

    /// The signals' default action (ending the process) comes back once no trainer is listening.
    public func stop() { SignalRelay.shared.remove(self) }

    /// For tests: behave as if `number` had arrived.
    public func request(_ number: Int32) { lock.lock(); requested = number; lock.unlock() }
}

/// The process's one set of SIGINT/SIGTERM dispatch sources. A signal goes to every `StopRequests`
/// between `start()` and `stop()`; with none listening it takes its default action, as if never caught.
public final class SignalRelay: @unchecked Sendable {
    public static let shared = SignalRelay()
    public static let signals: [Int32] = [SIGINT, SIGTERM]

    private let lock = NSLock()
    private var listeners: [ObjectIdentifier: StopRequests] = [:]
    private var sources: [DispatchSourceSignal] = []

    func add(_ listener: StopRequests) {
        lock.lock(); defer { lock.unlock() }
        listeners[ObjectIdentifier(listener)] = listener
        guard sources.isEmpty else { return }
        for number in Self.signals {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    func remove(_ listener: StopRequests) {
        lock.lock(); listeners[ObjectIdentifier(listener)] = nil; lock.unlock()
    }

    /// Dispatch sources made so far (one per signal, ever).
    public var sourceCount: Int { lock.lock(); defer { lock.unlock() }; return sources.count }
    /// `StopRequests` between `start()` and `stop()` now.
    public var listenerCount: Int { lock.lock(); defer { lock.unlock() }; return listeners.count }

    /// What the sources do when `number` arrives (public so tests need not send a signal).
    public func deliver(_ number: Int32) {
        lock.lock(); let current = Array(listeners.values); lock.unlock()
        guard !current.isEmpty else {
            Glibc.signal(number, SIG_DFL)
            kill(getpid(), number)
            return
        }
        for listener in current { listener.request(number) }
    }
}

/// Test hooks that make orderings happen by construction, never by timing (unset in normal use):
/// - `HARNESS_KILL_AFTER_ITERATION=k`: the process SIGKILLs itself right after iteration `k` is
///   complete (after its checkpoint, if one falls there), for the kill-and-resume tests;
/// - `HARNESS_SIGNAL_AFTER_ITERATION=k`: right after iteration `k` the process sends itself SIGTERM
///   and waits (at most 10 s) until the trainer has seen it, so the run stops at `k` exactly when
///   signals reach the trainer, and runs on to the end when they do not.
enum KillSwitch {
    static let environmentKey = "HARNESS_KILL_AFTER_ITERATION"
    static let signalEnvironmentKey = "HARNESS_SIGNAL_AFTER_ITERATION"

    static func iteration() -> Int? {
        ProcessInfo.processInfo.environment[environmentKey].flatMap(Int.init)
    }

    static func signalIteration() -> Int? {
        ProcessInfo.processInfo.environment[signalEnvironmentKey].flatMap(Int.init)
    }

    static func fire() -> Never {
        kill(getpid(), SIGKILL)
        fatalError("SIGKILL did not stop the process")
    }

    static func terminate(awaitedBy requests: StopRequests) {
        kill(getpid(), SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while requests.signal == nil, Date() < deadline { usleep(10_000) }
    }
}
