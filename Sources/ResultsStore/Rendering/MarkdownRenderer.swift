/// GitHub-flavoured Markdown: "ours" and "paper" side by side for every column, notes below.
public struct MarkdownRenderer: TableRenderer {
    public init() {}

    public var fileExtension: String { "md" }

    public func render(_ table: ResultTable) -> String {
        let spec = table.specification
        var lines = ["### \(spec.title)", ""]
        let headers = ["Method"] + spec.columns.flatMap { ["\($0.header) (ours)", "\($0.header) (paper)"] }
        lines.append("| " + headers.joined(separator: " | ") + " |")
        lines.append("|:--" + String(repeating: "|--:", count: headers.count - 1) + "|")
        for row in table.rows {
            let cells = zip(spec.columns, row.cells).flatMap { column, cell in
                [ours(cell.ours, interval: cell.interval95, column), cell.published.map { $0 + column.unit } ?? "–"]
            }
            lines.append("| " + ([row.label] + cells).joined(separator: " | ") + " |")
        }
        lines.append("")
        lines += table.notes.map { "- " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    private func ours(_ summary: SampleSummary?, interval: ClosedRange<Double>?, _ column: ColumnSpecification) -> String {
        guard let summary else { return "–" }
        let (mean, sd, n) = NumberFormatting.summary(summary, column: column)
        let range = interval.map { " [" + NumberFormatting.interval($0, column: column).joined(separator: ", ") + "]" } ?? ""
        return (sd.map { "\(mean) ± \($0)" } ?? mean) + column.unit + range + " (n=\(n))"
    }
}
