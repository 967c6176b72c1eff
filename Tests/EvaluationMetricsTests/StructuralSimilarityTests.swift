import Foundation
import EvaluationMetrics
import Testing

@Suite struct GaussianWindowTests {
    /// evaluators.md test vector 16: 11 taps, σ = 1.5.
    @Test func elevenTapWindowMatchesPublishedTaps() throws {
        let taps = try GaussianWindow.taps(size: 11, sigma: 1.5)
        let published = [0.0010283801, 0.0075987581, 0.0360007721, 0.1093606895, 0.2130055377, 0.2660117249]
        for (i, p) in published.enumerated() {
            #expect(abs(taps[i] - p) < 1e-10, "tap \(i)")
            #expect(abs(taps[10 - i] - p) < 1e-10, "tap \(10 - i)")
        }
        #expect(abs(taps.reduce(0, +) - 1) < 1e-15)
    }

    @Test func evenWindowIsRejected() {
        #expect(throws: MetricError.self) { try GaussianWindow.taps(size: 10, sigma: 1.5) }
    }
}

@Suite struct StructuralSimilarityTests {
    static func noise(_ seed: UInt64, channels: Int, height: Int, width: Int) throws -> ImagePlanes {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<(channels * height * width)).map { _ in UInt8(rng.next() >> 56) }
        return try ImagePlanes(bytes, layout: .interleaved, channels: channels, height: height, width: width)
    }

    /// Test vector 14: MS-SSIM(x, x) = 1 for any x of at least 161 px.
    @Test(arguments: [(161, 161, 1), (256, 256, 3), (171, 203, 3)])
    func identicalImagesScoreOne(height: Int, width: Int, channels: Int) throws {
        let x = try Self.noise(5, channels: channels, height: height, width: width)
        #expect(abs(try StructuralSimilarity.multiScale(x, x, dataRange: 255) - 1) < 1e-12)
        #expect(abs(try StructuralSimilarity.singleScale(x, x, dataRange: 255) - 1) < 1e-12)
    }

    /// Test vector 12 (TF `SSIMTest.testNegative`): a 16×16 ramp 0…240 against its mirror has SSIM < 0.
    /// MS-SSIM's relu then keeps anti-correlated images at ≥ 0 (checked on a 256² sawtooth).
    @Test func negativeRampGivesNegativeSSIMAndNonNegativeMSSSIM() throws {
        let ramp = (0..<16).flatMap { _ in (0..<16).map { Double($0 * 16) } }
        let mirrored = (0..<16).flatMap { _ in (0..<16).reversed().map { Double($0 * 16) } }
        let a = try ImagePlanes(ramp, layout: .planar, channels: 1, height: 16, width: 16)
        let b = try ImagePlanes(mirrored, layout: .planar, channels: 1, height: 16, width: 16)
        let ssim = try StructuralSimilarity.singleScale(a, b, dataRange: 255)
        #expect(ssim < 0)

        // 256² sawtooth of the same 16-px ramps against its inverse: SSIM < 0, relu keeps MS-SSIM in [0, 1].
        let sawtooth = (0..<256).flatMap { _ in (0..<256).map { Double(($0 % 16) * 16) } }
        let c = try ImagePlanes(sawtooth, layout: .planar, channels: 1, height: 256, width: 256)
        let d = try ImagePlanes(sawtooth.map { 240 - $0 }, layout: .planar, channels: 1, height: 256, width: 256)
        #expect(try StructuralSimilarity.singleScale(c, d, dataRange: 255) < 0)
        let ms = try StructuralSimilarity.multiScale(c, d, dataRange: 255)
        #expect(ms >= 0 && ms <= 1)
    }

    /// Test vector 13 (TF `testInt`): uint8 with range 255 and the same pixels /255 with range 1 agree.
    @Test func bytesAndUnitFloatsAgree() throws {
        var rng = SplitMix64(seed: 99)
        let count = 180 * 240 * 3
        let a = (0..<count).map { _ in UInt8(rng.next() >> 56) }
        let b = (0..<count).map { _ in UInt8(rng.next() >> 56) }
        let ab = try ImagePlanes(a, layout: .interleaved, channels: 3, height: 180, width: 240)
        let bb = try ImagePlanes(b, layout: .interleaved, channels: 3, height: 180, width: 240)
        let af = try ImagePlanes(a.map { Float($0) / 255 }, layout: .interleaved, channels: 3, height: 180, width: 240)
        let bf = try ImagePlanes(b.map { Float($0) / 255 }, layout: .interleaved, channels: 3, height: 180, width: 240)
        let bytes = try StructuralSimilarity.multiScale(ab, bb, dataRange: 255)
        let floats = try StructuralSimilarity.multiScale(af, bf, dataRange: 1)
        #expect(abs(bytes - floats) < 1e-6)
        #expect(bytes > 0 && bytes < 0.5) // independent noise: low but not zero
    }

    /// Agreement with pytorch-msssim (float64, float64 window) on the fixture pairs; the TF-style padding
    /// against the NumPy port of TF's algorithm. Inputs are regenerated and spot-checked against the script.
    @Test func agreesWithPytorchMSSSIMOnFixturePairs() throws {
        let file = try MetricFixtures.load("ms_ssim", as: MetricFixtures.MSSSIMFile.self)
        #expect(file.cases.count == 5)
        var worst = 0.0
        for c in file.cases {
            let (x, y) = try fixtureImagePair(c)
            #expect(Array(x.pixels.prefix(4)) == c.firstPixelsX, "\(c.name): image generator drifted")
            #expect(Array(y.pixels.prefix(4)) == c.firstPixelsY, "\(c.name): image generator drifted")
            let ms = try StructuralSimilarity.multiScale(x, y, dataRange: c.dataRange)
            let ss = try StructuralSimilarity.singleScale(x, y, dataRange: c.dataRange)
            let tf = try StructuralSimilarity.multiScale(x, y, dataRange: c.dataRange,
                                                         parameters: SSIMParameters(oddSidePadding: .symmetricBottomRight))
            worst = max(worst, abs(ms - c.msSsimPytorchMsssim), abs(ss - c.ssimPytorchMsssim))
            #expect(abs(ms - c.msSsimPytorchMsssim) < 1e-10, "\(c.name): MS-SSIM \(ms) vs \(c.msSsimPytorchMsssim)")
            #expect(abs(ss - c.ssimPytorchMsssim) < 1e-10, "\(c.name): SSIM \(ss) vs \(c.ssimPytorchMsssim)")
            #expect(abs(tf - c.msSsimTfSymmetricPaddingNumpy) < 1e-10, "\(c.name): TF padding \(tf) vs \(c.msSsimTfSymmetricPaddingNumpy)")
        }
        print("MS-SSIM/SSIM vs pytorch-msssim: max |Δ| = \(worst)")
    }

    @Test func tooSmallImageThrowsNamingSizeAndMinimum() throws {
        let x = try Self.noise(1, channels: 3, height: 160, width: 300)
        do {
            _ = try StructuralSimilarity.multiScale(x, x, dataRange: 255)
            Issue.record("a 160-px side must be rejected")
        } catch let error as MetricError {
            #expect(error == .imageTooSmall(height: 160, width: 300, minimumSide: 161, scales: 5, windowSize: 11))
            #expect(error.description.contains("160×300") && error.description.contains("161"))
        }
        let tiny = try Self.noise(1, channels: 1, height: 10, width: 10)
        #expect(throws: MetricError.self) { try StructuralSimilarity.singleScale(tiny, tiny, dataRange: 255) }
    }

    @Test func badInputIsRejected() throws {
        let a = try Self.noise(1, channels: 3, height: 200, width: 200)
        let b = try Self.noise(2, channels: 1, height: 200, width: 200)
        #expect(throws: MetricError.self) { try StructuralSimilarity.multiScale(a, b, dataRange: 255) }
        #expect(throws: MetricError.self) { try StructuralSimilarity.multiScale(a, a, dataRange: 0) }
        #expect(throws: MetricError.self) { try ImagePlanes([Float.nan], layout: .planar, channels: 1, height: 1, width: 1) }
        #expect(throws: MetricError.self) { try ImagePlanes([UInt8](repeating: 0, count: 5), layout: .planar, channels: 1, height: 2, width: 2) }
    }

    /// Interleaved and planar layouts describe the same image.
    @Test func layoutsAgree() throws {
        let hwc: [UInt8] = [1, 2, 3, 4, 5, 6] // 1×2 image, 3 channels
        let planes = try ImagePlanes(hwc, layout: .interleaved, channels: 3, height: 1, width: 2)
        #expect(planes.pixels == [1, 4, 2, 5, 3, 6])
    }
}
