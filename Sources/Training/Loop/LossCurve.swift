import Foundation

/// `losses.svg`: every loss column of `losses.csv` against the iteration, one small panel per loss
/// (each with its own y range, since WGAN and reconstruction losses differ by orders of magnitude).
/// Plain SVG, so any browser shows it without a plotting library.
public enum LossCurve {
    public static func svg(columns: [String], rows: [[String: Float]]) -> String {
        let losses = columns.filter { $0 != "iteration" && !$0.hasPrefix("lr/") }
        let panelWidth = 360.0, panelHeight = 140.0, margin = 36.0, perRow = 3
        let panelRows = (losses.count + perRow - 1) / perRow
        let width = Double(min(losses.count, perRow)) * (panelWidth + margin) + margin
        let height = Double(panelRows) * (panelHeight + margin) + margin
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for (k, name) in losses.enumerated() {
            let left = margin + Double(k % perRow) * (panelWidth + margin)
            let top = margin + Double(k / perRow) * (panelHeight + margin)
            let points = rows.compactMap { row -> (Double, Double)? in
                guard let x = row["iteration"], let y = row[name], y.isFinite else { return nil }
                return (Double(x), Double(y))
            }
            out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(panelWidth)\" height=\"\(panelHeight)\" fill=\"none\" stroke=\"#999\"/>\n"
            guard let xMin = points.map(\.0).min(), let xMax = points.map(\.0).max(),
                  let yMin = points.map(\.1).min(), let yMax = points.map(\.1).max() else {
                out += "<text x=\"\(left + 4)\" y=\"\(top - 4)\">\(escape(name)) (no values)</text>\n"
                continue
            }
            let xSpan = max(xMax - xMin, 1), ySpan = max(yMax - yMin, 1e-12)
            let path = points.map { p in
                String(format: "%.1f,%.1f", left + (p.0 - xMin) / xSpan * panelWidth,
                       top + panelHeight - (p.1 - yMin) / ySpan * panelHeight)
            }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1\" points=\"\(path)\"/>\n"
            out += "<text x=\"\(left + 4)\" y=\"\(top - 4)\">\(escape(name)): \(String(format: "%.4g", yMin)) to \(String(format: "%.4g", yMax)), iterations \(Int(xMin))–\(Int(xMax))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
