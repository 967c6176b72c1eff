/// A paper table filled in: for every row and column our measurement (if any) beside the published number.
public struct ResultTable: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// Our measurement, in stored units (fractions); nil when nothing was measured.
        public let ours: SampleSummary?
        /// The paper's number as printed; nil when the paper reports none.
        public let published: String?
        /// 95% interval of `ours` where the table has one (Table 1: rater bootstrap), in stored units.
        public var interval95: ClosedRange<Double>? = nil
    }

    public struct Row: Sendable, Equatable {
        public let label: String
        public let section: String
        public let method: String?
        public let variant: String?
        public let cells: [Cell]
    }

    public let specification: TableSpecification
    public let rows: [Row]
    /// Provenance lines printed under the table: what "ours" means, dataset, profile, protocols, gaps.
    public let notes: [String]
}
