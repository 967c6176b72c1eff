import Foundation
import Imaging
import Testing

@Suite struct PNGTests {
    @Test(arguments: [1, 2, 3, 4])
    func eightBitRoundTripIsExact(channels: Int) throws {
        let image = Image(width: 13, height: 7, channels: channels, pixels: gradientImage(width: 13, height: 7, channels: channels))
        let decoded = try PNG.decodeWithDepth(PNG.encode(image, bitDepth: 8))
        #expect(decoded.bitDepth == 8)
        #expect(decoded.image == image)
    }

    @Test func sixteenBitRoundTripIsExact() throws {
        let pixels = gradientImage(width: 9, height: 5, channels: 3, levels: 65536)
        let image = Image(width: 9, height: 5, channels: 3, pixels: pixels)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("deep.png")
        try PNG.write(image, to: url, bitDepth: 16)
        let (back, depth) = try PNG.readWithDepth(url)
        #expect(depth == 16)
        #expect(back.quantized(levels: 65536) == image.quantized(levels: 65536))
    }

    @Test func truncatedFileIsAnErrorNamingIt() throws {
        let image = Image(width: 32, height: 32, channels: 3, pixels: gradientImage(width: 32, height: 32, channels: 3))
        let data = try PNG.encode(image)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cut.png")
        try data.prefix(data.count / 2).write(to: url)
        let error = #expect(throws: ImagingError.self) { try PNG.read(url) }
        #expect(error?.file == url.path)
        #expect(error?.reason.contains("truncated") == true)
    }

    @Test func corruptDataIsAnError() throws {
        let image = Image(width: 16, height: 16, channels: 3, pixels: gradientImage(width: 16, height: 16, channels: 3))
        var data = try PNG.encode(image)
        data[data.count / 2] ^= 0xFF   // inside IDAT: CRC or zlib error
        #expect(throws: ImagingError.self) { try PNG.decode(data, source: "flipped.png") }
    }

    @Test func notAPNGEmptyAndMissingFiles() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("text.png"), empty = folder.appendingPathComponent("empty.png")
        try Data("hello".utf8).write(to: text)
        try Data().write(to: empty)
        #expect(throws: ImagingError(file: text.path, reason: "corrupt or truncated PNG: not a PNG file (bad signature)")) {
            try PNG.read(text)
        }
        #expect(throws: ImagingError(file: empty.path, reason: "file is empty")) { try PNG.read(empty) }
        let missing = folder.appendingPathComponent("missing.png")
        #expect(throws: ImagingError(file: missing.path, reason: "file not found")) { try ImageFile.read(missing) }
    }
}
