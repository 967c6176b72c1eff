import Foundation
import Testing
import Training
#if canImport(Glibc)
import Glibc
#endif

/// How trainers share SIGINT/SIGTERM. The process makes its two dispatch sources once, and a trainer's
/// `stop()` never touches the signals' dispositions: libdispatch installs its handler only when the
/// first source for a signal registers, so the old per-trainer cancel-and-reset (SIG_DFL, then SIG_IGN
/// for the next trainer) left the second trainer of a process deaf to SIGTERM (`train --method bilgan`
/// after its auxiliary run). No signal is sent here; the end-to-end case is in BiLGANCommandTests.
@Suite(.serialized) struct StopRequestsTests {
    static let defaultAction = unsafeBitCast(SIG_DFL, to: UInt.self)

    static func disposition(_ number: Int32) -> UInt {
        var action = sigaction()
        sigaction(number, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: UInt.self)
    }

    /// `stop()` leaves the signals caught (never SIG_DFL, which the old `stop()` set synchronously;
    /// libdispatch's own handler replaces SIG_IGN asynchronously, so that is not compared).
    @Test func trainersShareOneSetOfSourcesAndStopLeavesTheSignalsCaught() {
        let first = StopRequests(), second = StopRequests()
        first.start()
        #expect(SignalRelay.shared.sourceCount == SignalRelay.signals.count)
        first.stop()
        #expect(SignalRelay.signals.allSatisfy { Self.disposition($0) != Self.defaultAction })
        second.start()
        #expect(SignalRelay.shared.sourceCount == SignalRelay.signals.count)
        #expect(SignalRelay.shared.listenerCount >= 1)
        second.stop()
        #expect(SignalRelay.signals.allSatisfy { Self.disposition($0) != Self.defaultAction })
    }

    @Test func aSignalReachesEveryListeningTrainerAndNoStoppedOne() {
        let listening = StopRequests(), stopped = StopRequests(), other = StopRequests()
        stopped.start(); stopped.stop()
        listening.start(); other.start()
        defer { listening.stop(); other.stop() }
        SignalRelay.shared.deliver(SIGTERM)
        #expect(listening.signal == SIGTERM && other.signal == SIGTERM)
        #expect(stopped.signal == nil)
    }
}
