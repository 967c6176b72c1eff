/// How the pixels of a flat array are ordered.
public enum PixelLayout: Sendable {
    /// C×H×W: PyTorch tensors.
    case planar
    /// H×W×C: decoded image files, TensorFlow.
    case interleaved
}

/// An image as C planes of H×W Float64 pixels, in the caller's pixel scale (the scale is stated again
/// as the data range when a metric is computed; it is not guessed from the values).
public struct ImagePlanes: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// C×H×W, row-major inside each plane.
    public let pixels: [Double]

    /// From floating-point pixels in either layout; every pixel must be finite.
    public init<T: BinaryFloatingPoint>(_ values: [T], layout: PixelLayout, channels: Int, height: Int, width: Int) throws {
        try self.init(count: values.count, layout: layout, channels: channels, height: height, width: width) {
            Double(values[$0])
        }
    }

    /// From 8-bit pixels (0…255) in either layout.
    public init(_ bytes: [UInt8], layout: PixelLayout, channels: Int, height: Int, width: Int) throws {
        try self.init(count: bytes.count, layout: layout, channels: channels, height: height, width: width) {
            Double(bytes[$0])
        }
    }

    private init(count: Int, layout: PixelLayout, channels: Int, height: Int, width: Int,
                 value: (Int) -> Double) throws {
        guard channels > 0, height > 0, width > 0 else {
            throw MetricError.invalidArgument("image dimensions must be positive (got C=\(channels), H=\(height), W=\(width))")
        }
        guard count == channels * height * width else {
            throw MetricError.shapeMismatch("\(count) pixels for a \(channels)×\(height)×\(width) image")
        }
        var pixels = [Double](repeating: 0, count: count)
        let plane = height * width
        for c in 0..<channels {
            for p in 0..<plane {
                let source = layout == .planar ? c * plane + p : p * channels + c
                let v = value(source)
                guard v.isFinite else {
                    throw MetricError.nonFinite("pixel \(p) of channel \(c) is \(v)")
                }
                pixels[c * plane + p] = v
            }
        }
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    /// Channel `c` as an H×W plane.
    public func plane(_ c: Int) -> Plane {
        let size = height * width
        return Plane(height: height, width: width, values: Array(pixels[(c * size)..<((c + 1) * size)]))
    }
}

/// One H×W channel of Float64 values: what the SSIM filters and pooling work on.
public struct Plane: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public var values: [Double]

    public init(height: Int, width: Int, values: [Double]) {
        precondition(values.count == height * width, "Plane: \(values.count) values for \(height)×\(width)")
        self.height = height
        self.width = width
        self.values = values
    }

    /// Element-wise product (x·y, x², y² in the SSIM moments).
    public static func * (a: Plane, b: Plane) -> Plane {
        precondition(a.height == b.height && a.width == b.width, "Plane product of different sizes")
        var out = a
        for i in out.values.indices { out.values[i] *= b.values[i] }
        return out
    }

    /// Mean of all values.
    public var mean: Double {
        values.reduce(0, +) / Double(values.count)
    }
}
