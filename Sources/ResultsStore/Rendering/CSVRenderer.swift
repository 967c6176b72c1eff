/// CSV (RFC 4180) with one line per row: for every column our mean, sd and n, and the published number, in
/// display units (percent columns in %), and for Table 1's columns the 95% interval. Empty fields where
/// nothing was measured or published.
public struct CSVRenderer: TableRenderer {
    public init() {}

    public var fileExtension: String { "csv" }

    public func render(_ table: ResultTable) -> String {
        let spec = table.specification
        var header = ["section", "row", "method", "variant"]
        for column in spec.columns {
            let stem = column.csvName + (column.unit == "%" ? "_percent" : "")
            header += ["\(stem)_mean", "\(stem)_sd", "\(stem)_n", "\(stem)_paper"]
            if case .preference = column.source { header += ["\(stem)_ci95_low", "\(stem)_ci95_high"] }
        }
        var lines = [header.map(Self.field).joined(separator: ",")]
        for row in table.rows {
            var fields = [row.section, row.label, row.method ?? "", row.variant ?? ""]
            for (column, cell) in zip(spec.columns, row.cells) {
                if let ours = cell.ours {
                    let (mean, sd, n) = NumberFormatting.summary(ours, column: column)
                    fields += [mean, sd ?? "", String(n)]
                } else {
                    fields += ["", "", ""]
                }
                fields.append(cell.published ?? "")
                if case .preference = column.source {
                    fields += cell.interval95.map { NumberFormatting.interval($0, column: column) } ?? ["", ""]
                }
            }
            lines.append(fields.map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
