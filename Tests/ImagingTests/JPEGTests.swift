import Foundation
import Imaging
import Testing
import TestSupport

@Suite struct JPEGTests {
    @Test func writeThenReadIsClose() throws {
        // A smooth image: JPEG at quality 95 (4:2:0 chroma) keeps it within a few levels.
        var pixels = [Float]()
        for y in 0..<24 { for x in 0..<24 { pixels += [Float(x) / 23, Float(y) / 23, 0.5] } }
        let image = Image(width: 24, height: 24, channels: 3, pixels: pixels)
        let back = try JPEG.decode(JPEG.encode(image, quality: 95))
        #expect(back.width == 24 && back.height == 24 && back.channels == 3)
        let errors = zip(back.pixels, image.pixels).map { Swift.abs($0 - $1) }
        #expect(errors.max()! < 12 / 255)
        #expect(errors.reduce(0, +) / Float(errors.count) < 2 / 255)
    }

    @Test func decodingMatchesPillow() throws {
        let root = Fixtures.directory.appendingPathComponent("datasets/real")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("pillow_decoded.json"))) as! [String: [String: Any]]
        for (path, entry) in json {
            let image = try ImageFile.read(root.appendingPathComponent(path)).rgb()
            let expected = (entry["rgb"] as! [Int]).map(Float.init)
            #expect(image.width == entry["width"] as! Int && image.height == entry["height"] as! Int)
            let worst = zip(image.quantized(levels: 256), expected).map { Swift.abs(Float($0) - $1) }.max()!
            #expect(worst <= 1, "\(path): largest difference from Pillow \(worst) levels")
        }
    }

    @Test func truncatedAndGarbageFilesAreErrorsNamingThem() throws {
        var pixels = [Float]()
        for i in 0..<(64 * 64 * 3) { pixels.append(Float((i * 7919) % 256) / 255) }
        let data = try JPEG.encode(Image(width: 64, height: 64, channels: 3, pixels: pixels))
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = folder.appendingPathComponent("cut.jpg")
        try data.prefix(data.count * 2 / 3).write(to: cut)
        let error = #expect(throws: ImagingError.self) { try ImageFile.read(cut) }
        #expect(error?.file == cut.path)
        #expect(error?.reason.contains("JPEG") == true)
        var garbage = Data([0xFF, 0xD8, 0xFF])
        garbage.append(Data(repeating: 0x42, count: 100))
        #expect(throws: ImagingError.self) { try JPEG.decode(garbage, source: "garbage.jpg") }
    }
}
