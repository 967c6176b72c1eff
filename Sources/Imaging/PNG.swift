import CImageCodecs
import Foundation

/// PNG files through libpng: 8- and 16-bit, gray, gray+alpha, RGB, RGBA (palette and low-bit-depth
/// files are expanded to 8-bit). Corrupt or truncated files throw an `ImagingError` naming the file.
public enum PNG {
    public static func read(_ url: URL, maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> Image {
        try decode(FileBytes.read(url), source: url.path, maximumPixels: maximumPixels)
    }

    /// The bit depth the file was stored with (8 or 16) along with the pixels.
    public static func readWithDepth(_ url: URL, maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> (image: Image, bitDepth: Int) {
        try decodeWithDepth(FileBytes.read(url), source: url.path, maximumPixels: maximumPixels)
    }

    public static func decode(_ data: Data, source: String = "<memory>", maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> Image {
        try decodeWithDepth(data, source: source, maximumPixels: maximumPixels).image
    }

    /// Images of more than `maximumPixels` (width × height, from the header) are refused before
    /// their pixels are allocated (`ImageSizeLimit`).
    public static func decodeWithDepth(_ data: Data, source: String = "<memory>",
                                       maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> (image: Image, bitDepth: Int) {
        var decoded = codec_image()
        var message = [CChar](repeating: 0, count: Int(CODEC_ERROR_CAPACITY))
        let status = data.withUnsafeBytes { bytes in
            codec_png_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, UInt64(Swift.max(0, maximumPixels)), &decoded, &message)
        }
        guard status == 0 else {
            throw ImagingError(file: source, reason: status == 2 ? "PNG too large: \(String(codecMessage: message)) (HARNESS_MAX_IMAGE_PIXELS)"
                                                            : "corrupt or truncated PNG: \(String(codecMessage: message))")
        }
        defer { codec_free(decoded.pixels) }
        return (CodecPixels.image(from: decoded), Int(decoded.bit_depth))
    }

    public static func write(_ image: Image, to url: URL, bitDepth: Int = 8, compressionLevel: Int = 6) throws {
        do {
            try FileBytes.write(encode(image, bitDepth: bitDepth, compressionLevel: compressionLevel), to: url)
        } catch let error as ImagingError where error.file == "<memory>" {
            throw ImagingError(file: url.path, reason: error.reason)
        }
    }

    /// `compressionLevel` is zlib's 0–9; dataset generation uses a low level because encoding
    /// dominates the time of a small render.
    public static func encode(_ image: Image, bitDepth: Int = 8, compressionLevel: Int = 6) throws -> Data {
        guard bitDepth == 8 || bitDepth == 16 else {
            throw ImagingError(file: "<memory>", reason: "PNG bit depth must be 8 or 16, not \(bitDepth)")
        }
        var encoded: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: Int(CODEC_ERROR_CAPACITY))
        let levels = bitDepth == 8 ? 256 : 65536
        let status: Int32
        if bitDepth == 8 {
            let samples = image.quantized(levels: levels).map { UInt8($0) }
            status = samples.withUnsafeBytes {
                codec_png_encode($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels), 8,
                                 Int32(compressionLevel), &encoded, &size, &message)
            }
        } else {
            let samples = image.quantized(levels: levels).map { UInt16($0) }
            status = samples.withUnsafeBytes {
                codec_png_encode($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels), 16,
                                 Int32(compressionLevel), &encoded, &size, &message)
            }
        }
        guard status == 0, let bytes = encoded else {
            throw ImagingError(file: "<memory>", reason: "PNG encoding failed: \(String(codecMessage: message))")
        }
        defer { codec_free(bytes) }
        return Data(bytes: bytes, count: size)
    }
}

/// Conversion of the C layer's decoded samples into an `Image`.
enum CodecPixels {
    static func image(from decoded: codec_image) -> Image {
        let count = Int(decoded.width) * Int(decoded.height) * Int(decoded.channels)
        var pixels = [Float](repeating: 0, count: count)
        if decoded.bit_depth == 16 {
            let samples = decoded.pixels.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { pixels[i] = Float(samples[i]) / 65535 }
        } else {
            let samples = decoded.pixels.assumingMemoryBound(to: UInt8.self)
            for i in 0..<count { pixels[i] = Float(samples[i]) / 255 }
        }
        return Image(width: Int(decoded.width), height: Int(decoded.height), channels: Int(decoded.channels), pixels: pixels)
    }
}
