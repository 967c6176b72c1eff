import Foundation

/// A CelebA-format attribute file: `list_attr_celeba.txt` and `CelebAMask-HQ-attribute-anno.txt`
/// share it. Line 1 is the image count, line 2 the attribute names, then one row per image:
/// `<file> v₁ … vₙ` with vᵢ ∈ {1, −1}, split on any run of spaces (the files pad single values).
public struct AttributeTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let file: String
        /// +1 / −1 per attribute, in `names` order.
        public let values: [Int8]
        /// 1-based line in the source file, for error messages.
        public let line: Int

        public init(file: String, values: [Int8], line: Int) {
            self.file = file
            self.values = values
            self.line = line
        }
    }

    public let names: [String]
    public let rows: [Row]
    public let source: String

    public init(names: [String], rows: [Row], source: String) {
        self.names = names
        self.rows = rows
        self.source = source
    }

    public static func read(_ url: URL) throws -> AttributeTable {
        try parse(lines: TextFile.lines(url), source: url.path)
    }

    public static func parse(lines: [Substring], source: String) throws -> AttributeTable {
        guard !lines.isEmpty else { throw DatasetError(file: source, reason: "empty annotation file (expected a count line, a header line of attribute names, then one row per image)") }
        let countField = lines[0].trimmingCharacters(in: .whitespaces)
        guard let count = Int(countField), count >= 0 else {
            throw DatasetError(file: source, line: 1, reason: "expected the number of images, found \"\(TextFile.excerpt(countField))\"")
        }
        guard lines.count >= 2 else { throw DatasetError(file: source, line: 2, reason: "missing the header line of attribute names") }
        let names = TextFile.fields(lines[1]).map(String.init)
        guard !names.isEmpty else { throw DatasetError(file: source, line: 2, reason: "empty header line (expected attribute names)") }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count - 2)
        var lineOfStem: [String: Int] = [:]
        for (offset, line) in lines.dropFirst(2).enumerated() {
            let number = offset + 3
            let fields = TextFile.fields(line)
            guard fields.count == names.count + 1 else {
                let what = fields.isEmpty ? "an empty line" : "\(fields.count - 1) values"
                throw DatasetError(file: source, line: number,
                                   reason: "expected a file name and \(names.count) values (1 or -1), found \(what)")
            }
            var values = [Int8]()
            values.reserveCapacity(names.count)
            for (k, field) in fields.dropFirst().enumerated() {
                switch field {
                case "1": values.append(1)
                case "-1": values.append(-1)
                default:
                    throw DatasetError(file: source, line: number,
                                       reason: "value \"\(field)\" for \(names[k]) is not 1 or -1")
                }
            }
            // `k.jpg` and `k.png` find the same image (`CelebADataset.imageURL`), so a stem listed twice
            // would label one image twice with whichever row comes last.
            let stem = (String(fields[0]) as NSString).deletingPathExtension
            if let first = lineOfStem[stem] {
                throw DatasetError(file: source, line: number, reason: "\"\(fields[0])\" names the same image as line \(first) (each image must have one row)")
            }
            lineOfStem[stem] = number
            rows.append(Row(file: String(fields[0]), values: values, line: number))
        }
        guard rows.count == count else {
            throw DatasetError(file: source, line: 1, reason: "the count line says \(count) images but \(rows.count) rows follow (a missing or extra line)")
        }
        return AttributeTable(names: names, rows: rows, source: source)
    }

    /// Column of each requested attribute; an unknown name is an error listing the header's names.
    public func columns(of requested: [String]) throws -> [Int] {
        try requested.map { name in
            guard let column = names.firstIndex(of: name) else {
                throw DatasetError(file: source, line: 2,
                                   reason: "attribute \"\(name)\" is not in the header (known: \(names.joined(separator: " ")))")
            }
            return column
        }
    }

    /// The text of the file (count line, names, `name  v v …` rows with CelebAMask-HQ's double
    /// space after the name and single-space-separated values).
    public static func format(names: [String], rows: [(file: String, values: [Int8])]) -> String {
        var text = "\(rows.count)\n" + names.joined(separator: " ") + "\n"
        for row in rows {
            text += row.file + "  " + row.values.map { $0 > 0 ? "1" : "-1" }.joined(separator: " ") + "\n"
        }
        return text
    }
}
