/// Crops and flips: the geometric steps of the baselines' data pipelines (`baselines.md` §8).
extension Image {
    /// The `width`×`height` window whose top-left corner is (`x`, `y`); the window must lie inside.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> Image {
        precondition(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height,
                     "cropped: window (\(x), \(y), \(w)x\(h)) outside a \(width)x\(height) image")
        var out = [Float](repeating: 0, count: w * h * channels)
        for row in 0..<h {
            let source = index(x: x, y: y + row)
            out.replaceSubrange(row * w * channels..<(row + 1) * w * channels,
                                with: pixels[source..<source + w * channels])
        }
        return Image(width: w, height: h, channels: channels, pixels: out)
    }

    /// torchvision `CenterCrop`: the offset is `int(round((size − crop) / 2))` with Python's
    /// round-half-to-even, so odd margins match StarGAN's 178 crop of 218×178 CelebA exactly.
    public func centerCropped(width w: Int, height h: Int) -> Image {
        cropped(x: Self.centerOffset(width, w), y: Self.centerOffset(height, h), width: w, height: h)
    }

    static func centerOffset(_ size: Int, _ crop: Int) -> Int {
        Int((Double(size - crop) / 2).rounded(.toNearestOrEven))
    }

    public func flippedHorizontally() -> Image {
        var out = pixels
        for y in 0..<height {
            for x in 0..<width {
                let from = index(x: width - 1 - x, y: y), to = index(x: x, y: y)
                for c in 0..<channels { out[to + c] = pixels[from + c] }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: out)
    }
}
