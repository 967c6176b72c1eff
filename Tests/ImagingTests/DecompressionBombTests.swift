import Foundation
import Imaging
import Testing

/// Small files whose headers claim huge images are refused before their pixels are allocated
/// (issue 8): the 249-byte PNG and 346-byte JPEG of the probe would have taken gigabytes.
@Suite struct DecompressionBombTests {
    /// CRC-32 (ISO-HDLC, as PNG chunks use), so a patched IHDR stays a valid chunk.
    static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    /// A real 8×8 PNG whose IHDR is rewritten to `width`×`height` (with a correct CRC).
    static func pngClaiming(width: UInt32, height: UInt32) throws -> Data {
        var bytes = [UInt8](try PNG.encode(Image(width: 8, height: 8, channels: 3)))
        // Signature (8) + IHDR length (4) + "IHDR" (4): width at 16, height at 20, CRC at 29 over bytes 12..<29.
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        bytes.replaceSubrange(16..<20, with: bigEndian(width))
        bytes.replaceSubrange(20..<24, with: bigEndian(height))
        bytes.replaceSubrange(29..<33, with: bigEndian(crc32(bytes[12..<29])))
        return Data(bytes)
    }

    /// A real 8×8 JPEG whose SOF0 frame header is rewritten to `width`×`height`.
    static func jpegClaiming(width: UInt16, height: UInt16) throws -> Data {
        var bytes = [UInt8](try JPEG.encode(Image(width: 8, height: 8, channels: 3)))
        let sof = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        // FF C0, length (2), precision (1), height (2), width (2).
        bytes.replaceSubrange((sof + 5)..<(sof + 7), with: [UInt8(height >> 8), UInt8(height & 0xFF)])
        bytes.replaceSubrange((sof + 7)..<(sof + 9), with: [UInt8(width >> 8), UInt8(width & 0xFF)])
        return Data(bytes)
    }

    @Test func pngHeaderOverTheLimitIsRefusedByItsSize() throws {
        let data = try Self.pngClaiming(width: 16000, height: 16000)
        #expect(data.count < 300)
        #expect(throws: ImagingError(file: "bomb.png", reason: "PNG too large: the header says 16000x16000 pixels, "
                                     + "over the limit of \(ImageSizeLimit.maximumPixels) pixels (HARNESS_MAX_IMAGE_PIXELS)")) {
            try PNG.decode(data, source: "bomb.png")
        }
    }

    @Test func jpegHeaderOverTheLimitIsRefusedByItsSize() throws {
        let data = try Self.jpegClaiming(width: 20000, height: 20000)
        let error = #expect(throws: ImagingError.self) { try JPEG.decode(data, source: "bomb.jpg") }
        #expect(error?.reason.hasPrefix("JPEG too large: the header says 20000x20000 pixels") == true, "\(String(describing: error))")
    }

    @Test func theLimitIsConfigurableAndTheDefaultTakesA1024Dataset() throws {
        let image = Image(width: 40, height: 30, channels: 3)
        #expect(ImageSizeLimit.defaultMaximumPixels >= 8192 * 8192)
        let png = try PNG.encode(image), jpeg = try JPEG.encode(image)
        #expect(try PNG.decode(png, maximumPixels: 1200).width == 40)
        #expect(throws: ImagingError.self) { try PNG.decode(png, maximumPixels: 1199) }
        #expect(try JPEG.decode(jpeg, maximumPixels: 1200).height == 30)
        #expect(throws: ImagingError.self) { try JPEG.decode(jpeg, maximumPixels: 1199) }
        // Under the limit, a patched header is an ordinary corrupt file, as before.
        let small = try Self.pngClaiming(width: 64, height: 64)
        let error = #expect(throws: ImagingError.self) { try PNG.decode(small) }
        #expect(error?.reason.hasPrefix("corrupt or truncated PNG") == true)
    }
}

/// File-system errors are said in words (issue 8), not as Foundation error numbers.
@Suite struct FileErrorMessageTests {
    @Test func writingBelowARegularFileSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("out")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("input.png")
        #expect(throws: ImagingError(file: target.path, reason: "cannot write file (a file is in the way of a folder)")) {
            try PNG.write(Image(width: 2, height: 2, channels: 3), to: target)
        }
    }
}
