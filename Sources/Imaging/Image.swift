/// An image in memory: interleaved samples (row-major, `channels` per pixel) as Float in [0, 1].
///
/// One float type for every bit depth keeps resizing and tensor conversion in one code path; a
/// 16-bit sample v is stored as v / 65535 and an 8-bit one as v / 255, both exact in Float32, so
/// writing back at the same depth reproduces the file's samples bit for bit.
public struct Image: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
        precondition(width >= 0 && height >= 0 && channels >= 1, "Image: bad size \(width)x\(height)x\(channels)")
        precondition(pixels.count == width * height * channels,
                     "Image: \(pixels.count) samples for \(width)x\(height)x\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(width: Int, height: Int, channels: Int, fill: Float = 0) {
        self.init(width: width, height: height, channels: channels,
                  pixels: [Float](repeating: fill, count: width * height * channels))
    }

    @inline(__always)
    public func index(x: Int, y: Int, channel: Int = 0) -> Int { (y * width + x) * channels + channel }

    public subscript(x: Int, y: Int, channel: Int) -> Float {
        get { pixels[index(x: x, y: y, channel: channel)] }
        set { pixels[index(x: x, y: y, channel: channel)] = newValue }
    }

    /// The same pixels with 3 channels: gray is repeated, alpha dropped.
    public func rgb() -> Image {
        if channels == 3 { return self }
        var out = Image(width: width, height: height, channels: 3)
        for p in 0..<(width * height) {
            for c in 0..<3 {
                let source = channels >= 3 ? c : 0
                out.pixels[p * 3 + c] = pixels[p * channels + source]
            }
        }
        return out
    }

    /// Samples quantised to `levels − 1` steps (255 for 8-bit, 65535 for 16-bit), clamped to [0, 1].
    public func quantized(levels: Int) -> [Int] {
        let top = Float(levels - 1)
        return pixels.map { Int((Swift.min(Swift.max($0, 0), 1) * top).rounded()) }
    }
}
