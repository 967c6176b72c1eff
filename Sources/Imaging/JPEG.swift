import CImageCodecs
import Foundation

/// JPEG files through libjpeg-turbo, decoded to 8-bit RGB. Truncated files and corrupt entropy data,
/// which libjpeg only warns about, throw an `ImagingError` naming the file. Writing exists for
/// real-format test fixtures (CelebA ships `.jpg`).
public enum JPEG {
    public static func read(_ url: URL, maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> Image {
        try decode(FileBytes.read(url), source: url.path, maximumPixels: maximumPixels)
    }

    /// Images of more than `maximumPixels` (width × height, from the header) are refused before
    /// libjpeg allocates anything for them (`ImageSizeLimit`).
    public static func decode(_ data: Data, source: String = "<memory>", maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> Image {
        var decoded = codec_image()
        var message = [CChar](repeating: 0, count: Int(CODEC_ERROR_CAPACITY))
        let status = data.withUnsafeBytes { bytes in
            codec_jpeg_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, 0, UInt64(Swift.max(0, maximumPixels)), &decoded, &message)
        }
        guard status == 0 else {
            throw ImagingError(file: source, reason: status == 2 ? "JPEG too large: \(String(codecMessage: message)) (HARNESS_MAX_IMAGE_PIXELS)"
                                                            : "corrupt or truncated JPEG: \(String(codecMessage: message))")
        }
        defer { codec_free(decoded.pixels) }
        return CodecPixels.image(from: decoded)
    }

    public static func write(_ image: Image, to url: URL, quality: Int = 95) throws {
        try FileBytes.write(encode(image, quality: quality, source: url.path), to: url)
    }

    public static func encode(_ image: Image, quality: Int = 95, source: String = "<memory>") throws -> Data {
        let rgb = image.channels == 1 ? image : image.rgb()
        let samples = rgb.quantized(levels: 256).map { UInt8($0) }
        var encoded: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: Int(CODEC_ERROR_CAPACITY))
        let status = samples.withUnsafeBufferPointer {
            codec_jpeg_encode($0.baseAddress, Int32(rgb.width), Int32(rgb.height), Int32(rgb.channels),
                              Int32(quality), &encoded, &size, &message)
        }
        guard status == 0, let bytes = encoded else {
            throw ImagingError(file: source, reason: "JPEG encoding failed: \(String(codecMessage: message))")
        }
        defer { codec_free(bytes) }
        return Data(bytes: bytes, count: size)
    }
}
