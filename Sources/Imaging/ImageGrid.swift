/// Tiles images into one picture (contact sheets, StarGAN-style result strips).
public enum ImageGrid {
    /// `rows[r][c]` is placed at row r, column c; cells are as large as the largest image and images
    /// are centred in them; `padding` pixels of `background` separate cells and frame the sheet.
    public static func compose(_ rows: [[Image]], padding: Int = 2, background: [Float] = [1, 1, 1]) -> Image {
        let cellWidth = rows.flatMap { $0 }.map(\.width).max() ?? 0
        let cellHeight = rows.flatMap { $0 }.map(\.height).max() ?? 0
        let columns = rows.map(\.count).max() ?? 0
        let width = columns * (cellWidth + padding) + padding
        let height = rows.count * (cellHeight + padding) + padding
        var sheet = Image(width: Swift.max(width, 1), height: Swift.max(height, 1), channels: 3)
        for p in 0..<(sheet.width * sheet.height) {
            for c in 0..<3 { sheet.pixels[p * 3 + c] = background[c % background.count] }
        }
        for (r, row) in rows.enumerated() {
            for (c, tile) in row.enumerated() {
                let rgb = tile.rgb()
                let left = padding + c * (cellWidth + padding) + (cellWidth - rgb.width) / 2
                let top = padding + r * (cellHeight + padding) + (cellHeight - rgb.height) / 2
                for y in 0..<rgb.height {
                    for x in 0..<rgb.width {
                        for ch in 0..<3 { sheet[left + x, top + y, ch] = rgb[x, y, ch] }
                    }
                }
            }
        }
        return sheet
    }
}
