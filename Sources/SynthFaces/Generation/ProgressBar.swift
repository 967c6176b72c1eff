import Foundation

/// A one-line progress bar with rate and ETA on standard error, safe to update from any thread.
/// On a terminal it redraws in place; into a log file (CI, `tee`) it writes a full line every ~10 s.
public final class ProgressBar: @unchecked Sendable {
    private static let isTerminal = isatty(FileHandle.standardError.fileDescriptor) != 0
    private let total: Int
    private let label: String
    private let lock = NSLock()
    private var done = 0
    private var skipped = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    public init(total: Int, label: String, enabled: Bool = true) {
        self.total = total
        self.label = label
        self.enabled = enabled
    }

    /// Counts `units` finished (`skipped` of them were already on disk).
    public func advance(_ units: Int = 1, skipped wasSkipped: Bool = false) {
        lock.lock(); defer { lock.unlock() }
        done += units
        if wasSkipped { skipped += units }
        let now = Date()
        if now.timeIntervalSince(lastDraw) > (Self.isTerminal ? 0.2 : 10) || done == total {
            lastDraw = now
            draw(now)
        }
    }

    private func draw(_ now: Date) {
        guard enabled else { return }
        let elapsed = now.timeIntervalSince(start)
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let rendered = done - skipped
        let rate = elapsed > 0 ? Double(rendered) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var line = "\(Self.isTerminal ? "\r" : "")\(label) [\(bar)] \(done)/\(total) \(Int(fraction * 100))% \(String(format: "%.1f", rate))/s ETA \(Self.clock(remaining))"
        if skipped > 0 { line += " (\(skipped) already done)" }
        if done == total { line += " in \(Self.clock(elapsed))" }
        if done == total || !Self.isTerminal { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
