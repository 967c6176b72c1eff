import Foundation

/// Resampling kernels, each matching a named reference implementation (tested against fixtures
/// from `tools/make_dataset_fixtures.py`):
/// - `area`: PyTorch `F.interpolate(mode="area")` = `adaptive_avg_pool2d` (box average over
///   [⌊i·in/out⌋, ⌈(i+1)·in/out⌉)); the exact box filter for integer factors.
/// - `bilinear`: PyTorch `mode="bilinear", align_corners=False, antialias=False` (half-pixel centres,
///   source clamped at 0): pytorch-fid's resize.
/// - `bicubic`: PyTorch `mode="bicubic", align_corners=False` (Keys a = −0.75, indices clamped).
/// - `pilBilinear`, `pilBicubic`: Pillow `Image.resize` (antialiased: the kernel widens by the
///   downscale factor; bicubic a = −0.5), as clean-fid uses on float images.
public enum ResizeFilter: String, Codable, Sendable, CaseIterable {
    case area, bilinear, bicubic, pilBilinear, pilBicubic
}

/// Per output index along one axis: the first input index and the weights from there on.
struct ResampleTaps {
    var starts: [Int] = []
    var weights: [[Float]] = []

    static func make(input: Int, output: Int, filter: ResizeFilter) -> ResampleTaps {
        var taps = ResampleTaps()
        let scale = Double(input) / Double(output)
        for i in 0..<output {
            switch filter {
            case .area:
                let start = (i * input) / output
                let end = ((i + 1) * input + output - 1) / output
                taps.add(start: start, weights: [Double](repeating: 1 / Double(end - start), count: end - start))
            case .bilinear:
                let source = Swift.max((Double(i) + 0.5) * scale - 0.5, 0)
                let lower = Swift.min(Int(source), input - 1)
                let fraction = source - Double(lower)
                taps.add(start: lower, weights: lower < input - 1 ? [1 - fraction, fraction] : [1], clampTo: input)
            case .bicubic:
                let source = (Double(i) + 0.5) * scale - 0.5
                let lower = Int(source.rounded(.down))
                let t = source - Double(lower)
                let weights = [cubic(t + 1, a: -0.75), cubic(t, a: -0.75), cubic(1 - t, a: -0.75), cubic(2 - t, a: -0.75)]
                taps.addClamped(start: lower - 1, weights: weights, input: input)
            case .pilBilinear, .pilBicubic:
                let support = filter == .pilBilinear ? 1.0 : 2.0
                let filterScale = Swift.max(scale, 1)
                let reach = support * filterScale
                let centre = (Double(i) + 0.5) * scale
                let low = Swift.max(Int(centre - reach + 0.5), 0)
                let high = Swift.min(Int(centre + reach + 0.5), input)
                var weights = (low..<high).map { x -> Double in
                    let d = (Double(x) - centre + 0.5) / filterScale
                    return filter == .pilBilinear ? Swift.max(0, 1 - Swift.abs(d)) : cubic(d, a: -0.5)
                }
                let total = weights.reduce(0, +)
                if total != 0 { weights = weights.map { $0 / total } }
                taps.add(start: low, weights: weights)
            }
        }
        return taps
    }

    /// Keys' cubic convolution kernel.
    static func cubic(_ x: Double, a: Double) -> Double {
        let x = Swift.abs(x)
        if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }

    mutating func add(start: Int, weights: [Double], clampTo input: Int = .max) {
        starts.append(start)
        self.weights.append(weights.map(Float.init))
    }

    /// Taps that may fall outside [0, input): their weight goes to the nearest edge sample.
    mutating func addClamped(start: Int, weights: [Double], input: Int) {
        let low = Swift.min(Swift.max(start, 0), input - 1)
        let high = Swift.min(Swift.max(start + weights.count - 1, 0), input - 1)
        var merged = [Double](repeating: 0, count: high - low + 1)
        for (k, w) in weights.enumerated() {
            merged[Swift.min(Swift.max(start + k, 0), input - 1) - low] += w
        }
        add(start: low, weights: merged)
    }
}

extension Image {
    /// This image resampled to `width`×`height` (separable: rows first, then columns, in Float).
    public func resized(width newWidth: Int, height newHeight: Int, filter: ResizeFilter) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resized: target size must be positive")
        if newWidth == width && newHeight == height { return self }
        let across = ResampleTaps.make(input: width, output: newWidth, filter: filter)
        let down = ResampleTaps.make(input: height, output: newHeight, filter: filter)
        var rows = [Float](repeating: 0, count: newWidth * height * channels)
        for y in 0..<height {
            for x in 0..<newWidth {
                let start = across.starts[x], weights = across.weights[x]
                for c in 0..<channels {
                    var sum: Float = 0
                    for k in 0..<weights.count { sum += weights[k] * pixels[(y * width + start + k) * channels + c] }
                    rows[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        var out = [Float](repeating: 0, count: newWidth * newHeight * channels)
        for y in 0..<newHeight {
            let start = down.starts[y], weights = down.weights[y]
            for k in 0..<weights.count {
                let w = weights[k]
                let sourceRow = (start + k) * newWidth * channels
                let targetRow = y * newWidth * channels
                for i in 0..<(newWidth * channels) { out[targetRow + i] += w * rows[sourceRow + i] }
            }
        }
        return Image(width: newWidth, height: newHeight, channels: channels, pixels: out)
    }
}
