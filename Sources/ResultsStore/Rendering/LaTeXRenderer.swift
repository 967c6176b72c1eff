/// A booktabs `tabular` (needs `\usepackage{booktabs}`): a two-level header (metric, then ours/paper),
/// a rule between the paper's sections, and the notes as a comment.
public struct LaTeXRenderer: TableRenderer {
    public init() {}

    public var fileExtension: String { "tex" }

    public func render(_ table: ResultTable) -> String {
        let spec = table.specification
        var lines = ["% \(Self.escape(spec.title))"]
        lines += table.notes.map { "% " + $0 }
        lines.append("\\begin{tabular}{l" + String(repeating: "rr", count: spec.columns.count) + "}")
        lines.append("\\toprule")
        lines.append((["Method"] + spec.columns.map { "\\multicolumn{2}{c}{\(Self.escape($0.header))}" }).joined(separator: " & ") + " \\\\")
        let rules = spec.columns.indices.map { "\\cmidrule(lr){\(2 + 2 * $0)-\(3 + 2 * $0)}" }.joined()
        lines.append(rules)
        lines.append(([""] + spec.columns.flatMap { _ in ["ours", "paper"] }).joined(separator: " & ") + " \\\\")
        lines.append("\\midrule")
        var section: String?
        for row in table.rows {
            if let previous = section, previous != row.section { lines.append("\\midrule") }
            section = row.section
            let cells = zip(spec.columns, row.cells).flatMap { column, cell in
                [ours(cell.ours, column), cell.published.map { $0 + Self.escape(column.unit) } ?? "--"]
            }
            lines.append(([Self.escape(row.label)] + cells).joined(separator: " & ") + " \\\\")
        }
        lines.append("\\bottomrule")
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func ours(_ summary: SampleSummary?, _ column: ColumnSpecification) -> String {
        guard let summary else { return "--" }
        let (mean, sd, n) = NumberFormatting.summary(summary, column: column)
        let unit = Self.escape(column.unit)
        return (sd.map { "$\(mean) \\pm \($0)$" } ?? "$\(mean)$") + unit + " {\\scriptsize (\(n))}"
    }

    /// Escapes LaTeX's special characters in text.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "±": out += "$\\pm$"
            case "°": out += "$^\\circ$"
            case ">": out += "$>$"
            default: out.append(ch)
            }
        }
        return out
    }
}
