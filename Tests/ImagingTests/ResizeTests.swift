import Foundation
import Imaging
import Testing
import TestSupport

@Suite struct ResizeTests {
    struct Case { let filter: ResizeFilter; let height: Int; let width: Int; let output: [Float] }

    static func fixture() throws -> (input: Image, cases: [Case]) {
        let url = Fixtures.directory.appendingPathComponent("imaging/resize.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let chw = (json["input"] as! [Double]).map(Float.init)
        let (c, h, w) = (3, 13, 17)
        var pixels = [Float](repeating: 0, count: c * h * w)
        for k in 0..<c { for p in 0..<(h * w) { pixels[p * c + k] = chw[k * h * w + p] } }
        let cases = (json["cases"] as! [[String: Any]]).map { entry in
            Case(filter: ResizeFilter(rawValue: entry["filter"] as! String)!, height: entry["height"] as! Int,
                 width: entry["width"] as! Int, output: (entry["output"] as! [Double]).map(Float.init))
        }
        return (Image(width: w, height: h, channels: c, pixels: pixels), cases)
    }

    /// Every filter against PyTorch `F.interpolate` / Pillow `Image.resize` on the same input.
    @Test(arguments: ResizeFilter.allCases)
    func matchesReference(filter: ResizeFilter) throws {
        let (input, cases) = try Self.fixture()
        let mine = cases.filter { $0.filter == filter }
        #expect(!mine.isEmpty)
        var overall: Float = 0
        defer { print("resize \(filter): max |error| \(overall) over \(mine.count) sizes") }
        for c in mine {
            let out = input.resized(width: c.width, height: c.height, filter: filter)
            var worst: Float = 0
            for k in 0..<3 {
                for p in 0..<(c.width * c.height) {
                    worst = Swift.max(worst, Swift.abs(out.pixels[p * 3 + k] - c.output[k * c.width * c.height + p]))
                }
            }
            overall = Swift.max(overall, worst)
            #expect(worst < 2e-6, "\(filter) to \(c.width)x\(c.height): max error \(worst)")
        }
    }

    @Test func areaHalvingIsTheTwoByTwoMean() {
        let image = Image(width: 4, height: 2, channels: 1, pixels: [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(image.resized(width: 2, height: 1, filter: .area).pixels == [2.5, 4.5])
    }
}
