import Foundation
import Imaging
import Testing

@Suite struct UVFieldTests {
    @Test func fileRoundTripAndFlip() throws {
        var field = UVField(width: 3, height: 2)
        field.u = [0.1, 0.5, 0.9, 0, 0.25, 0]
        field.v = [0.2, 0.4, 0.6, 0, 0.75, 0]
        field.mask = [1, 1, 1, 0, 1, 0]
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("uv.png")
        try field.write(to: url)
        let back = try UVField.read(url)
        #expect(back.mask == field.mask)
        #expect(zip(back.u, field.u).allSatisfy { Swift.abs($0 - $1) <= 0.5 / 65535 })
        let flipped = field.flippedHorizontally()
        #expect(flipped.mask == [1, 1, 1, 0, 1, 0])
        #expect(Swift.abs(flipped.u[0] - 0.1) < 1e-6 && Swift.abs(flipped.u[2] - 0.9) < 1e-6)
        #expect(Swift.abs(flipped.u[4] - 0.75) < 1e-6)
    }

    @Test func eightBitFileIsNotAUVField() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plain.png")
        try PNG.write(Image(width: 2, height: 2, channels: 3), to: url)
        #expect(throws: ImagingError.self) { try UVField.read(url) }
    }
}
