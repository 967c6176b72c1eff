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
        let lines = try TextFile.lines(url)
        guard let header = lines.first else { throw DatasetError(file: url.path, reason: "empty mapping file (expected a header `idx orig_idx orig_file`)") }
        let columns = TextFile.fields(header)
        guard let idx = columns.firstIndex(of: "idx"), let orig = columns.firstIndex(of: "orig_idx"),
              let file = columns.firstIndex(of: "orig_file") else {
            throw DatasetError(file: url.path, line: 1, reason: "header must name the columns idx, orig_idx and orig_file, found \"\(header)\"")
        }
        var entries: [Entry] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = TextFile.fields(line)
            guard fields.count >= columns.count, let k = Int(fields[idx]), let o = Int(fields[orig]) else {
                throw DatasetError(file: url.path, line: offset + 2,
                                   reason: "expected \(columns.count) columns (\(columns.joined(separator: " "))) with integer idx and orig_idx")
            }
            entries.append(Entry(index: k, originalIndex: o, originalFile: String(fields[file])))
        }
        return CelebAHQMapping(entries: entries)
    }

    public static func format(_ entries: [Entry]) -> String {
        "idx orig_idx orig_file\n" + entries.map { "\($0.index) \($0.originalIndex) \($0.originalFile)\n" }.joined()
    }
}
