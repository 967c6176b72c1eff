import EvaluationMetrics
import Evaluation
import Evaluators
import Foundation
import Imaging
import Testing
import TensorCore
import TestSupport

/// Features anyone can compute exactly: the 4×4 average pool of the [0, 1] pixels, C·H·W order
/// (the extractor of `tools/make_fd_end_to_end_fixture.py`).
final class PooledPixels: FeatureExtractor {
    let protocolName = "pooled-pixels-4"
    let featureCount: Int
    let side: Int
    init(side: Int) { self.side = side; featureCount = 3 * (side / 4) * (side / 4) }
    func features(_ images: Tensor) -> Tensor { avgPool2d(images, kernel: (4, 4), stride: (4, 4)).reshaped([images.shape[0], featureCount]) }
}

/// Two folders of PNGs → decoding → features (batched as pytorch-fid batches, last batch kept) →
/// Gaussian statistics → Fréchet distance, against pytorch-fid's formula in NumPy/SciPy on the same
/// features (`tools/make_fd_end_to_end_fixture.py`).
@Suite struct FrechetEndToEndTests {
    struct Expected: Decodable { let count: Int; let side: Int; let fd_a_b: Double; let fd_a_a: Double }

    static let folder = Fixtures.directory.appendingPathComponent("evaluation/fd_end_to_end")

    func images(_ name: String) throws -> [Image] {
        let dir = Self.folder.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
        return try files.map { try ImageFile.read(dir.appendingPathComponent($0)).rgb() }
    }

    @Test func matchesPytorchFIDFormulaOnTwoImageFolders() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent("expected.json")))
        let (a, b) = (try images("a"), try images("b"))
        #expect(a.count == expected.count && b.count == expected.count)
        let extractor = PooledPixels(side: expected.side)
        // Batch 7 leaves a last partial batch of 4: it must be kept (pytorch-fid's drop_last=False).
        let fa = try ImageSetFeatures.features(of: a, extractor: extractor, batchSize: 7)
        let fb = try ImageSetFeatures.features(of: b, extractor: extractor, batchSize: 7)
        #expect(fa.rows == expected.count)
        let distance = try ImageSetFeatures.frechetDistance(fa, fb).value
        #expect(abs(distance - expected.fd_a_b) < 1e-6 * max(1, expected.fd_a_b), "ours \(distance), NumPy \(expected.fd_a_b)")
        #expect(expected.fd_a_b > 0.1, "the two sets must differ for the test to mean something")
    }

    @Test func distanceOfASetWithItselfIsZero() throws {
        let a = try images("a")
        let features = try ImageSetFeatures.features(of: a, extractor: PooledPixels(side: 16), batchSize: 50)
        let distance = try ImageSetFeatures.frechetDistance(features, features).value
        #expect(abs(distance) < 1e-9, "FD(a, a) = \(distance)")
    }
}
