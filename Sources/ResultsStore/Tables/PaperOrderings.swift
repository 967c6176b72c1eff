import Foundation

/// Which of the paper's orderings our numbers reproduce. A comparison pairs BiL-GAN (full) with another
/// measured row of the same table, column by column; it asks only whether the two rows come in the
/// same order as in the paper, so it needs no "lower is better" convention per metric. Table 1 states
/// shares of votes for BiL-GAN, so there the comparison is with 50%.
public enum PaperOrderings {
    public enum Verdict: String, Sendable, Equatable {
        case reproduces = "reproduces"
        case reversed = "reversed"
        /// Several seeds, and the difference is smaller than the larger sample sd: the order is not settled.
        case withinSpread = "within the seeds' spread"
        case notMeasured = "not measured"
    }

    public struct Comparison: Sendable, Equatable {
        public let table: String
        public let column: String
        /// "BiL-GAN vs StarGAN", "w/ cycle loss vs BiL-GAN", "BiL-GAN > IcGAN vs 50%".
        public let pair: String
        public let published: String
        public let ours: String
        public let verdict: Verdict
    }

    /// The comparisons of one filled table.
    public static func comparisons(_ table: ResultTable) -> [Comparison] {
        let spec = table.specification
        if spec.columns.contains(where: { if case .preference = $0.source { return true } else { return false } }) {
            return table.rows.flatMap { row in
                spec.columns.enumerated().compactMap { index, column in
                    guard let published = row.cells[index].published.flatMap(Double.init) else { return nil }
                    let ours = row.cells[index].ours
                    let paperSide = published > 50 ? 1 : published < 50 ? -1 : 0
                    return Comparison(table: spec.identifier, column: column.header, pair: "\(row.label) vs 50%",
                                      published: "\(row.cells[index].published!)%", ours: ours.map { describe($0, column) } ?? "–",
                                      verdict: verdict(paperSide, ours.map { ($0.mean - 0.5, $0.standardDeviation, $0.count) }))
                }
            }
        }
        guard let subject = table.rows.first(where: { $0.method == MethodKey.bilgan && $0.variant == VariantKey.full }) else { return [] }
        return table.rows.filter { $0.method != nil && $0.label != subject.label }.flatMap { other in
            // Ablations are stated against the full method; baselines as BiL-GAN against them.
            let (first, second) = other.section == "ablation" ? (other, subject) : (subject, other)
            return spec.columns.enumerated().compactMap { index, column -> Comparison? in
                guard let a = first.cells[index].published.flatMap(Double.init),
                      let b = second.cells[index].published.flatMap(Double.init) else { return nil }
                let (oursA, oursB) = (first.cells[index].ours, second.cells[index].ours)
                let published = "\(first.cells[index].published!) vs \(second.cells[index].published!)"
                guard let oursA, let oursB else {
                    return Comparison(table: spec.identifier, column: column.header, pair: "\(first.label) vs \(second.label)",
                                      published: published, ours: "–", verdict: .notMeasured)
                }
                let spread = [oursA.standardDeviation, oursB.standardDeviation].compactMap { $0 }.max()
                return Comparison(table: spec.identifier, column: column.header, pair: "\(first.label) vs \(second.label)",
                                  published: published, ours: "\(describe(oursA, column)) vs \(describe(oursB, column))",
                                  verdict: verdict(a > b ? 1 : a < b ? -1 : 0, (oursA.mean - oursB.mean, spread, max(oursA.count, oursB.count))))
            }
        }
    }

    /// Compares the paper's order with ours: the difference's sign, unless several seeds put it inside
    /// the larger sd.
    public static func verdict(_ paperSide: Int, _ ours: (difference: Double, spread: Double?, seeds: Int)?) -> Verdict {
        guard let ours else { return .notMeasured }
        if ours.seeds >= 2, let spread = ours.spread, abs(ours.difference) < spread { return .withinSpread }
        let oursSide = ours.difference > 0 ? 1 : ours.difference < 0 ? -1 : 0
        return oursSide == paperSide ? .reproduces : .reversed
    }

    static func describe(_ summary: SampleSummary, _ column: ColumnSpecification) -> String {
        let (mean, sd, n) = NumberFormatting.summary(summary, column: column)
        return mean + column.unit + (sd.map { " ± \($0)" } ?? "") + " (n=\(n))"
    }

    /// Markdown: one line per comparison, grouped by table, with a count of what reproduces.
    public static func markdown(_ tables: [ResultTable]) -> String {
        var out = "### Which of the paper's orderings reproduce\n\n"
        for table in tables {
            let all = comparisons(table)
            guard !all.isEmpty else { continue }
            let measured = all.filter { $0.verdict != .notMeasured }
            out += "\(table.specification.title): \(measured.filter { $0.verdict == .reproduces }.count) of \(measured.count) "
                + "measured orderings reproduce\n\n| comparison | column | paper | ours | verdict |\n|:--|:--|--:|--:|:--|\n"
            for c in all { out += "| \(c.pair) | \(c.column) | \(c.published) | \(c.ours) | \(c.verdict.rawValue) |\n" }
            out += "\n"
        }
        return out
    }
}
