import Foundation

/// `CelebA-HQ-to-CelebA-mapping.txt` (CelebAMask-HQ; columns `idx orig_idx orig_file`) or PGGAN's
/// `image_list.txt` (`idx orig_idx orig_file proc_md5 final_md5`): CelebA-HQ image k came from
/// CelebA row `orig_idx` (0-based) named `orig_file` (`evaluators.md` §6.2).
public struct CelebAHQMapping: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let index: Int
        public let originalIndex: Int
        public let originalFile: String

        public init(index: Int, originalIndex: Int, originalFile: String) {
            self.index = index
            self.originalIndex = originalIndex
            self.originalFile = originalFile
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public static func read(_ url: URL) throws -> CelebAHQMapping {
        try parse(lines: TextFile.lines(url), source: url.path)
    }

    /// `read(_:)` on lines already read; `source` names the file in errors.
    public static func parse(lines: [Substring], source: String) throws -> CelebAHQMapping {
        guard let header = lines.first else { throw DatasetError(file: source, reason: "empty mapping file (expected a header `idx orig_idx orig_file`)") }
        let columns = TextFile.fields(header)
        guard let idx = columns.firstIndex(of: "idx"), let orig = columns.firstIndex(of: "orig_idx"),
              let file = columns.firstIndex(of: "orig_file") else {
            throw DatasetError(file: source, line: 1, reason: "header must name the columns idx, orig_idx and orig_file, found \"\(TextFile.excerpt(header))\"")
        }
        var entries: [Entry] = []
        var lineOfIndex: [Int: Int] = [:]
        for (offset, line) in lines.dropFirst().enumerated() {
            let number = offset + 2
            let fields = TextFile.fields(line)
            guard fields.count >= columns.count, let k = Int(fields[idx]), let o = Int(fields[orig]) else {
                throw DatasetError(file: source, line: number,
                                   reason: "expected \(columns.count) columns (\(columns.joined(separator: " "))) with integer idx and orig_idx")
            }
            guard k >= 0, o >= 0 else {
                throw DatasetError(file: source, line: number,
                                   reason: "\(k < 0 ? "idx \(k)" : "orig_idx \(o)") is negative (both count rows from 0)")
            }
            if let first = lineOfIndex[k] {
                throw DatasetError(file: source, line: number, reason: "idx \(k) is listed twice (first on line \(first)); each HQ image has one source row")
            }
            lineOfIndex[k] = number
            entries.append(Entry(index: k, originalIndex: o, originalFile: String(fields[file])))
        }
        return CelebAHQMapping(entries: entries)
    }

    public static func format(_ entries: [Entry]) -> String {
        "idx orig_idx orig_file\n" + entries.map { "\($0.index) \($0.originalIndex) \($0.originalFile)\n" }.joined()
    }
}
