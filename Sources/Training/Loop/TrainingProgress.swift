import Foundation

/// The trainer's progress line on standard error: iterations, rate, ETA and the latest losses.
/// Unlike SynthFaces' render progress bar it starts at the resumed iteration (the rate counts only
/// this process's work) and shows named values. On a terminal it redraws in place; into a log file
/// it writes a line every ~10 s.
final class TrainingProgress {
    private static let isTerminal = isatty(FileHandle.standardError.fileDescriptor) != 0
    private let total: Int
    private let first: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(total: Int, resumedAt first: Int, enabled: Bool) {
        self.total = total; self.first = first; self.enabled = enabled
    }

    func update(iteration: Int, losses: [(String, Float)]) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > (Self.isTerminal ? 0.2 : 10) || iteration == total else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(iteration - first) / elapsed : 0
        let eta = rate > 0 ? Double(total - iteration) / rate : 0
        let width = 24, filled = total > 0 ? width * iteration / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let values = losses.map { "\($0.0)=\(String(format: "%.4f", $0.1))" }.joined(separator: " ")
        var line = "\(Self.isTerminal ? "\r" : "")[\(bar)] \(iteration)/\(total) \(String(format: "%.2f", rate)) it/s ETA \(Self.clock(eta)) \(values)"
        if iteration == total || !Self.isTerminal { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
