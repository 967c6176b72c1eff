import Foundation

/// The largest image (width × height) the decoders accept, checked against the file's header
/// before any pixel memory is allocated: a 249-byte PNG or a 346-byte JPEG can claim 16000×16000
/// pixels (4 GB as Float RGB). The default, 64 megapixels (8192²), is 64 times a 1024² CelebA-HQ
/// image; `HARNESS_MAX_IMAGE_PIXELS` raises or lowers it for a run, and every decoder takes an
/// explicit limit too.
public enum ImageSizeLimit {
    public static let defaultMaximumPixels = 64 << 20

    /// `HARNESS_MAX_IMAGE_PIXELS` when set to a positive integer, else `defaultMaximumPixels`.
    public static let maximumPixels: Int = {
        guard let text = ProcessInfo.processInfo.environment["HARNESS_MAX_IMAGE_PIXELS"] else { return defaultMaximumPixels }
        guard let value = Int(text), value > 0 else {
            FileHandle.standardError.write(Data("warning: HARNESS_MAX_IMAGE_PIXELS=\(text) is not a positive integer; using \(defaultMaximumPixels)\n".utf8))
            return defaultMaximumPixels
        }
        return value
    }()
}
