/// Where a column's numbers come from.
public enum ColumnSource: Sendable, Equatable {
    /// The value of a metric.
    case metric(String)
    /// One entry of a metric's breakdown.
    case breakdown(metric: String, key: String)
    /// The share of user-study votes preferring BiL-GAN in an attribute group.
    case preference(attributeGroup: String)

    var metricName: String? {
        switch self {
        case let .metric(name), let .breakdown(name, _): return name
        case .preference: return nil
        }
    }
}

/// One column of a paper table: what it shows and how its numbers are printed.
public struct ColumnSpecification: Sendable, Equatable {
    public let header: String
    /// Column stem in CSV headers (ASCII, no spaces).
    public let csvName: String
    public let source: ColumnSource
    /// Stored value × scale = displayed value (100 for percentages stored as fractions).
    public let scale: Double
    public let decimals: Int
    /// "%" for percentage columns, "" otherwise.
    public let unit: String
}

/// One row: a label, the run it is measured by (nil for rows that exist only as published numbers, such as
/// other papers' methods in Table 3), and the published numbers as printed in the paper (nil = not reported).
public struct RowSpecification: Sendable, Equatable {
    public let label: String
    public let section: String
    public let method: String?
    public let variant: String?
    public let published: [String?]
}

/// A paper table: its columns and rows with the published numbers.
public struct TableSpecification: Sendable, Equatable {
    /// "table1", "table2", "table3".
    public let identifier: String
    public let title: String
    public let columns: [ColumnSpecification]
    public let rows: [RowSpecification]
    /// What "ours" means in this table (over seeds, over raters).
    public let oursDescription: String
}
