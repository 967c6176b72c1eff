import Foundation

/// Fixed-decimal formatting of table numbers (POSIX, independent of the machine's locale).
enum NumberFormatting {
    static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// Our measurement in display units: mean, sd (nil for a single measurement) and n.
    static func summary(_ summary: SampleSummary, column: ColumnSpecification) -> (mean: String, sd: String?, n: Int) {
        let mean = fixed(summary.mean * column.scale, decimals: column.decimals)
        let sd = summary.standardDeviation.map { fixed($0 * column.scale, decimals: column.decimals) }
        return (mean, sd, summary.count)
    }

    /// A 95% interval's ends in display units.
    static func interval(_ interval: ClosedRange<Double>, column: ColumnSpecification) -> [String] {
        [interval.lowerBound, interval.upperBound].map { fixed($0 * column.scale, decimals: column.decimals) }
    }
}

/// Turns a filled table into text in one format.
public protocol TableRenderer: Sendable {
    /// File extension of the format ("md", "csv", "tex").
    var fileExtension: String { get }
    func render(_ table: ResultTable) -> String
}
