import Imaging
import Study
import Testing

/// Simulated raters compare outputs of methods trained at different resolutions at the smaller one.
@Suite struct ImageDistanceTests {
    /// A 4×4 RGB ground truth and the same picture with every pixel doubled to 8×8: area-downsampled
    /// back it is the ground truth, so the distance is 0; a changed pixel shows.
    @Test func largerOutputsAreComparedAtTheGroundTruthsSize() throws {
        let small = Image(width: 4, height: 4, channels: 3, pixels: (0..<48).map { Float($0) / 48 })
        var doubled = [Float](repeating: 0, count: 8 * 8 * 3)
        for y in 0..<8 { for x in 0..<8 { for c in 0..<3 { doubled[(y * 8 + x) * 3 + c] = small.pixels[((y / 2) * 4 + x / 2) * 3 + c] } } }
        let large = Image(width: 8, height: 8, channels: 3, pixels: doubled)
        #expect(try ImageDistance.l1(large, small, path: "large.png") < 1e-6)
        #expect(try ImageDistance.l1(small, large, path: "small.png") < 1e-6)
        doubled[0] += 0.4
        let changed = try ImageDistance.l1(Image(width: 8, height: 8, channels: 3, pixels: doubled), small, path: "changed.png")
        #expect(abs(changed - 0.1 / 48) < 1e-6)   // one of four pixels of one 4×4 pixel's channel, averaged over 48 values
    }

    @Test func anotherAspectRatioIsAnErrorNamingTheFile() {
        let square = Image(width: 4, height: 4, channels: 3), wide = Image(width: 8, height: 4, channels: 3)
        #expect(throws: StudyError.self) { try ImageDistance.l1(wide, square, path: "wide.png") }
        do { _ = try ImageDistance.l1(wide, square, path: "wide.png") } catch {
            #expect("\(error)".contains("wide.png") && "\(error)".contains("8×4×3"))
        }
    }
}
