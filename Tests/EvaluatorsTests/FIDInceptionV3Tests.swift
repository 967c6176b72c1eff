import Foundation
import NN
import Testing
import TensorCore
import TestSupport
import Evaluators

/// FID Inception-v3 against pytorch-fid 0.3.0's own `InceptionV3` (tools/make_evaluator_fixtures.py):
/// the same seeded weights, pushed through tools/convert_inception_weights.py on the Python side.
@Suite struct FIDInceptionV3Tests {
    /// Every name and shape of the converted checkpoint (pytorch-fid's state dict without `fc`), and
    /// nothing else, so converted weights load strictly by name.
    @Test func stateDictMatchesConvertedCheckpoint() throws {
        let reference = try SeededWeights.manifest("fid_inception_v3_state_dict")
        var g = RandomGenerator(seed: 1)
        let model = FIDInceptionV3(generator: &g)
        #expect(model.stateDict().mapValues(\.shape) == reference)
        #expect(reference.count == 564)
        #expect(model.parameterCount == 21_785_568)  // pytorch-fid's named_parameters() without fc
    }

    /// Pooled outputs of the four pytorch-fid blocks (64, 192, 768, 2048) and a corner of block 0's map,
    /// on a 2×3×37×45 batch resized to 299² inside the network.
    @Test func blockOutputsMatchPytorchFID() throws {
        let io = try Fixtures.load("evaluators/fid_inception_v3_io")
        var g = RandomGenerator(seed: 1)
        let model = FIDInceptionV3(generator: &g)
        let shapes = model.stateDict().mapValues(\.shape)
        try model.loadStateDict(SeededWeights.stateDict(shapes: shapes, seed: 11), source: "seeded weights")
        let x = try io.tensor("x")
        let blocks = withoutGradients { model.blockOutputs(x) }
        #expect(blocks.map(\.shape) == [[2, 64, 73, 73], [2, 192, 35, 35], [2, 768, 17, 17], [2, 2048, 1, 1]])
        for (i, b) in blocks.enumerated() {
            let pooled = globalAvgPool2d(b).reshaped([2, -1])
            let reference = try io.tensor("block\(i)")
            // Float32 through ~50 layers (Winograd here, oneDNN there): 1e-4 of the block's largest value.
            let scale = reference.scalars.map(Swift.abs).max()!
            let (ok, message) = expectClose(pooled, reference, atol: 1e-4 * scale, rtol: 1e-4, "block\(i)")
            #expect(ok, Comment(rawValue: message))
        }
        let corner = blocks[0].slice(axis: 1, 0..<4)
        let (ok, message) = expectClose(corner, try io.tensor("block0_map"), atol: 1e-4, rtol: 1e-4, "block0 map")
        #expect(ok, Comment(rawValue: message))
        let features = model.features(x)
        #expect(features.shape == [2, 2048])
        #expect(features.scalars == globalAvgPool2d(blocks[3]).scalars)
    }

    @Test func missingWeightsNameTheFileAndTheConverter() {
        let url = URL(fileURLWithPath: "/nonexistent/fid_inception_v3.safetensors")
        #expect(throws: EvaluatorError.missingWeights(path: url.path, howToMake: FIDInceptionV3.converterCommand)) {
            _ = try FIDInceptionV3.pretrained(weights: url)
        }
        #expect(FIDInceptionV3.converterCommand.contains("tools/convert_inception_weights.py"))
    }
}
