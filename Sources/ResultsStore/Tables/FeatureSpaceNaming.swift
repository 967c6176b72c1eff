/// A Fréchet distance is only "FID" in Inception's feature space. When a table's `fid` column was
/// measured in another space (the embedded benchmark's "FD-SynthFaces/<hash>"), the column is headed
/// and named in CSV after that space, so a reader never takes it for FID-Inception; the builder has
/// already refused to mix two protocols in one column. The paper's published FIDs (Inception) are left
/// out of such a column for the same reason.
extension TableSpecification {
    func namingFeatureSpaces(_ protocols: [String: String]) -> TableSpecification {
        var renamed = Set<Int>()
        let columns = self.columns.enumerated().map { index, column -> ColumnSpecification in
            guard case let .metric(name) = column.source, name == MetricName.fid,
                  let chosen = protocols[name], !chosen.hasPrefix("FID-Inception"),
                  let space = chosen.split(separator: "/").first.map(String.init), space.hasPrefix("FD-") else { return column }
            renamed.insert(index)
            return ColumnSpecification(header: space, csvName: space.lowercased().replacingOccurrences(of: "-", with: "_"),
                                       source: column.source, scale: column.scale, decimals: column.decimals, unit: column.unit)
        }
        let rows = self.rows.map { row in
            RowSpecification(label: row.label, section: row.section, method: row.method, variant: row.variant,
                             published: row.published.enumerated().map { renamed.contains($0.offset) ? nil : $0.element })
        }
        return TableSpecification(identifier: identifier, title: title, columns: columns, rows: rows, oursDescription: oursDescription)
    }
}
