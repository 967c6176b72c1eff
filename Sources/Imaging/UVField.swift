import Foundation

/// A per-pixel UV correspondence field with its face mask: for each pixel showing the face, the
/// (u, v) surface coordinates of the anatomical point seen there (`bilgan-method.md`: the geometry
/// loss regresses it).
///
/// File encoding (SynthFaces `uv/…png`): a 16-bit RGB PNG with R = round(u·65535),
/// G = round(v·65535), B = 65535 on face pixels and R = G = B = 0 elsewhere. u runs around the head
/// (0.5 is the facial midline, u < 0.5 the subject's right side) and v from chin-side 0 to crown 1.
public struct UVField: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var u: [Float]
    public var v: [Float]
    /// 1 on face pixels, 0 elsewhere.
    public var mask: [Float]

    public init(width: Int, height: Int, u: [Float], v: [Float], mask: [Float]) {
        precondition(u.count == width * height && v.count == u.count && mask.count == u.count, "UVField: plane sizes differ")
        self.width = width
        self.height = height
        self.u = u
        self.v = v
        self.mask = mask
    }

    public init(width: Int, height: Int) {
        let zeros = [Float](repeating: 0, count: width * height)
        self.init(width: width, height: height, u: zeros, v: zeros, mask: zeros)
    }

    /// The three planes as an RGB image (R = u, G = v, B = mask; zero off the face).
    public var encodedImage: Image {
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for p in 0..<(width * height) where mask[p] > 0.5 {
            pixels[p * 3] = u[p]
            pixels[p * 3 + 1] = v[p]
            pixels[p * 3 + 2] = 1
        }
        return Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    public init(encoded image: Image) {
        let rgb = image.rgb()
        var field = UVField(width: rgb.width, height: rgb.height)
        for p in 0..<(rgb.width * rgb.height) where rgb.pixels[p * 3 + 2] > 0.5 {
            field.u[p] = rgb.pixels[p * 3]
            field.v[p] = rgb.pixels[p * 3 + 1]
            field.mask[p] = 1
        }
        self = field
    }

    public func write(to url: URL) throws {
        try PNG.write(encodedImage, to: url, bitDepth: 16, compressionLevel: 3)
    }

    public static func read(_ url: URL) throws -> UVField {
        let (image, depth) = try PNG.readWithDepth(url)
        guard depth == 16, image.channels >= 3 else {
            throw ImagingError(file: url.path, reason: "a UV field must be a 16-bit RGB PNG (found \(depth)-bit, \(image.channels) channels)")
        }
        return UVField(encoded: image)
    }

    /// The field of the mirrored image: pixels mirrored and u ↦ 1 − u, since the parameterisation
    /// is left-right symmetric about u = 0.5.
    public func flippedHorizontally() -> UVField {
        var out = UVField(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let from = y * width + (width - 1 - x), to = y * width + x
                guard mask[from] > 0.5 else { continue }
                out.u[to] = 1 - u[from]
                out.v[to] = v[from]
                out.mask[to] = 1
            }
        }
        return out
    }

    /// Resampled to `size`×`size` with nearest-neighbour sampling (pixel centres), so no UV value
    /// is blended across the face boundary.
    public func resized(width newWidth: Int, height newHeight: Int) -> UVField {
        if newWidth == width && newHeight == height { return self }
        var out = UVField(width: newWidth, height: newHeight)
        for y in 0..<newHeight {
            let sy = Swift.min(Int((Double(y) + 0.5) * Double(height) / Double(newHeight)), height - 1)
            for x in 0..<newWidth {
                let sx = Swift.min(Int((Double(x) + 0.5) * Double(width) / Double(newWidth)), width - 1)
                let from = sy * width + sx, to = y * newWidth + x
                out.u[to] = u[from]; out.v[to] = v[from]; out.mask[to] = mask[from]
            }
        }
        return out
    }
}
