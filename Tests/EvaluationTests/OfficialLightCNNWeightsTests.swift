import Datasets
import Evaluation
import Evaluators
import Foundation
import NN
import ResultsStore
import Testing
import TensorCore
import TestSupport

/// `lightCNN.weights` in a profile: converted official weights are loaded (class count from the
/// file's fc2), give the saved network's features, and name their own protocol; nothing is trained.
@Suite struct OfficialLightCNNWeightsTests {
    @Test func convertedWeightsLoadWithTheirClassCountAndOwnProtocol() throws {
        let tree = try PoseIdentificationSplitTests.tree(subjects: [1, 201])
        let split = try PoseIdentificationSplit(try MultiPIEDataset.open(tree.url))
        var g = RandomGenerator(seed: 12)
        let saved = LightCNN9(classes: 11, generator: &g)
        saved.eval()
        let file = tree.path("lightcnn9.safetensors")
        try saved.save(to: file)

        let smoke = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryProfiles.appendingPathComponent("smoke.json"))) as! [String: Any]
        var section = smoke["evaluators"] as! [String: Any]
        section["lightCNN"] = ["architecture": "lightcnn9", "imageSize": 128, "weights": file.path,
                               "training": ["epochs": 1, "learningRate": 0.001, "beta1": 0.9, "beta2": 0.999]]
        let settings = try JSONDecoder().decode(EvaluatorSettings.self, from: JSONSerialization.data(withJSONObject: section))
        let store = try ResultsDatabase(path: tree.path("results.sqlite").path)
        let registry = EvaluatorRegistry(resultsRoot: tree.url, store: store) { _ in }
        let evaluator = try LightCNNEvaluator.obtain(split: split, root: tree.url, settings: settings, registry: registry,
                                                     showProgress: false) { _ in }
        #expect(evaluator.entry == nil)
        #expect(evaluator.protocolName.hasPrefix("rank1-cosine/lightcnn9/official-"))
        #expect(try store.runs().isEmpty)

        let images = Tensor.uniform([2, 3, 128, 128], generator: &g)
        let expected = saved.identityFeatures(LightCNNInput.gray(fromUnit: images)).scalars.map(Double.init)
        #expect(evaluator.features(unitRGB: images) == expected)
    }
}
