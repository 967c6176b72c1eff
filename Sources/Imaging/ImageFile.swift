import Foundation

/// Reads PNG or JPEG by content (signature), so a `.jpg` name on a PNG file still loads; real
/// datasets and SynthFaces sets can then share one loader.
public enum ImageFile {
    public static func read(_ url: URL, maximumPixels: Int = ImageSizeLimit.maximumPixels) throws -> Image {
        let data = try FileBytes.read(url)
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try PNG.decode(data, source: url.path, maximumPixels: maximumPixels) }
        if data.starts(with: [0xFF, 0xD8]) { return try JPEG.decode(data, source: url.path, maximumPixels: maximumPixels) }
        throw ImagingError(file: url.path, reason: "neither a PNG nor a JPEG file (unknown signature)")
    }

    /// Writes by extension: `.png` (8-bit) or `.jpg`/`.jpeg` (quality 95).
    public static func write(_ image: Image, to url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "jpg", "jpeg": try JPEG.write(image, to: url)
        case "png": try PNG.write(image, to: url)
        default: throw ImagingError(file: url.path, reason: "unknown image extension (expected .png, .jpg or .jpeg)")
        }
    }

    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]
}
