import Foundation

/// `losses.csv`: one row per iteration (`iteration,<lr columns>,<loss columns>`), flushed as it is
/// written. A loss a step did not compute (StarGAN's G losses between G steps) is an empty cell.
/// On resume the rows after the checkpoint are dropped, since those iterations run again.
public final class LossLog {
    public let url: URL
    public let columns: [String]
    private let handle: FileHandle

    /// Opens the log keeping the rows up to `iteration` (a fresh run passes 0).
    public init(url: URL, learningRateColumns: [String], lossNames: [String], keepingRowsThrough iteration: Int) throws {
        self.url = url
        columns = ["iteration"] + learningRateColumns.map { "lr/" + $0 } + lossNames
        var text = columns.joined(separator: ",") + "\n"
        if iteration > 0, let old = try? String(contentsOf: url, encoding: .utf8) {
            for line in old.split(separator: "\n").dropFirst() {
                guard let first = line.split(separator: ",", omittingEmptySubsequences: false).first,
                      let row = Int(first), row <= iteration else { continue }
                text += line + "\n"
            }
        }
        try Data(text.utf8).write(to: url, options: .atomic)
        handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
    }

    deinit { try? handle.close() }

    public func append(iteration: Int, learningRates: [Float], losses: [String: Float]) throws {
        var cells = [String(iteration)] + learningRates.map(Self.format)
        for name in columns.dropFirst(1 + learningRates.count) { cells.append(losses[name].map(Self.format) ?? "") }
        try handle.write(contentsOf: Data((cells.joined(separator: ",") + "\n").utf8))
    }

    /// Nine significant digits: every Float round-trips, so the file is a bit-exact record.
    static func format(_ value: Float) -> String { String(format: "%.9g", Double(value)) }

    /// The rows of a log file as (iteration, column → value).
    public static func read(_ url: URL) throws -> (columns: [String], rows: [[String: Float]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        guard let header = lines.first else { return ([], []) }
        let columns = header.split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { line -> [String: Float] in
            var row = [String: Float]()
            for (name, cell) in zip(columns, line.split(separator: ",", omittingEmptySubsequences: false)) {
                if let v = Float(cell) { row[name] = v }
            }
            return row
        }
        return (columns, rows)
    }
}
