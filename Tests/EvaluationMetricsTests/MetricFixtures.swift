import Foundation
import EvaluationMetrics

/// The JSON golden values written by `tools/make_metric_fixtures.py` under `Tests/Fixtures/metrics`,
/// located from this source file so the tests run from any working directory.
enum MetricFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("metrics")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity",
                                                                         negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(T.self, from: data)
    }

    struct MSSSIMFile: Decodable {
        struct Case: Decodable {
            let name: String
            let seed: UInt64
            let channels, height, width: Int
            let amplitude: Double
            let mode: String
            let dataRange: Double
            let firstPixelsX, firstPixelsY: [Double]
            let msSsimPytorchMsssim, ssimPytorchMsssim, msSsimTfSymmetricPaddingNumpy: Double
        }
        let cases: [Case]
    }

    struct FIDFile: Decodable {
        struct Case: Decodable {
            let n, c: Int
            let seed: UInt32
            let firstFeature, lastFeature: Double
            let sqrtm: Double
            let eig: Double
            let exact: Double
        }
        let grid: [Case]
        let nanCase: Case
    }

    struct KIDFile: Decodable {
        struct Case: Decodable {
            let name: String
            let nReal, nGenerated, dim: Int
            let shift: Double
            let subsets, maxSubset: Int
            let seedFeatures: UInt32
            let seedSubsets: UInt64
            let subsetSize: Int
            let firstSubsetGenerated, firstSubsetReal: [Int]
            let mean, std: Double
            let perSubset: [Double]
        }
        let cases: [Case]
    }
}

/// The image pairs of ms_ssim.json, regenerated from SplitMix64 exactly as `image_pair` in the script:
/// x = next() >> 56 per planar pixel; y = clamp(x + a·(2u − 1), 0, 255) with u = (next() >> 11)·2⁻⁵³,
/// or y = 255 − x for the "inverted" case. Divided by 255 when the case's data range is 1.
func fixtureImagePair(_ c: MetricFixtures.MSSSIMFile.Case) throws -> (ImagePlanes, ImagePlanes) {
    var rng = SplitMix64(seed: c.seed)
    let count = c.channels * c.height * c.width
    let x = (0..<count).map { _ in Double(rng.next() >> 56) }
    var y = [Double]()
    if c.mode == "inverted" {
        y = x.map { 255 - $0 }
    } else {
        for v in x {
            let t = 2.0 * (Double(rng.next() >> 11) * (1.0 / 9_007_199_254_740_992.0)) - 1.0
            y.append(min(max(v + c.amplitude * t, 0), 255))
        }
    }
    let scale = c.dataRange == 1 ? 255.0 : 1.0
    return (try ImagePlanes(x.map { $0 / scale }, layout: .planar, channels: c.channels, height: c.height, width: c.width),
            try ImagePlanes(y.map { $0 / scale }, layout: .planar, channels: c.channels, height: c.height, width: c.width))
}
