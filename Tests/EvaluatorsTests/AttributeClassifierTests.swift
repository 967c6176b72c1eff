import NN
import Testing
import TensorCore
import TestSupport
import Evaluators

/// The §7.1 classifier against the same network in PyTorch (tools/make_evaluator_fixtures.py), at a
/// reduced width (dim 8) and size (64²) of the same code path: evaluation logits, training-mode
/// logits (batch statistics), the sigmoid cross-entropy, its gradients and the running statistics.
@Suite struct AttributeClassifierTests {
    @Test func matchesPyTorch() throws {
        let reference = try SeededWeights.manifest("attribute_classifier_small_state_dict")
        var g = RandomGenerator(seed: 4)
        let model = AttributeClassifier(attributes: 5, imageSize: 64, dim: 8, generator: &g)
        #expect(model.stateDict().mapValues(\.shape) == reference)
        try model.loadStateDict(SeededWeights.stateDict(shapes: reference, seed: 31), source: "seeded weights")
        let io = try Fixtures.load("evaluators/attribute_classifier_small_io")
        let x = try io.tensor("x").requiringGradient()
        model.eval()
        let evalLogits = model(x)
        model.train()
        let logits = model(x)
        let loss = bceWithLogits(logits, targets: try io.tensor("targets"))
        let first = model.features.layers[0] as! Conv2d
        let grads = gradients(of: loss, wrt: [x, first.weight.value, model.fc2.weight.value])
        let bn = model.features.layers[1] as! BatchNorm2d
        let pairs: [(String, Tensor)] = [
            ("eval_logits", evalLogits), ("train_logits", logits), ("loss", loss), ("dx", grads[0]),
            ("dw_first", grads[1]), ("dw_fc2", grads[2]),
            ("after.features.1.running_mean", bn.runningMean.value), ("after.features.1.running_var", bn.runningVar.value),
        ]
        for (name, ours) in pairs {
            let ref = try io.tensor(name)
            let scale = ref.scalars.map(Swift.abs).max()!
            let (ok, message) = expectClose(ours.detached().reshaped(ref.shape), ref, atol: 1e-4 * scale, rtol: 1e-4, name)
            #expect(ok, Comment(rawValue: message))
        }
        #expect(model.predict(x.detached()) == evalLogits.scalars.map { $0 > 0 })
        #expect(model.isTraining)
    }

    /// The full-size network of §7.1: 128² input, widths 16…256, 4·4·256 → 512 → 40.
    @Test func fullSizeShapes() {
        var g = RandomGenerator(seed: 4)
        let model = AttributeClassifier(attributes: 40, generator: &g)
        let convs = model.features.layers.compactMap { $0 as? Conv2d }.map { $0.weight.shape[0] }
        #expect(convs == [16, 16, 32, 32, 64, 64, 128, 128, 256, 256])
        #expect(model.fc1.weight.shape == [512, 4096])
        #expect(model.fc2.weight.shape == [40, 512])
    }
}
