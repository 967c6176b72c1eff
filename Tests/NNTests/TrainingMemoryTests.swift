import Foundation
import NN
import Testing
import TensorCore
import TestSupport

/// Memory across training steps (issue 11: a feature-extractor training test once grew ~1 GB per 5 s).
/// Measured: the tensor core, cross-entropy on class labels, sigmoid cross-entropy and one Adam over
/// every parameter hold nothing across steps; what reproduces the growth is keeping a loss *tensor*
/// across steps (`total = total + loss`), which keeps each step's graph and activations alive, as in
/// PyTorch without `.item()`. Read losses with `.scalar`. Counted in resident memory, not time.
@Suite(.serialized) struct TrainingMemoryTests {
    /// A conv–BN–ReLU–pool net with a linear head, as the evaluators' feature networks are built.
    struct Setup {
        let model: Sequential
        let head: Linear
        let parameters: [Parameter]
        let adam: Adam
        let images: Tensor
        let classes: [Int]
        let attributes: Tensor

        init() {
            var g = RandomGenerator(seed: 1)
            model = Sequential([Conv2d(3, 16, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g),
                                BatchNorm2d(16), ReLU(), MaxPool2d(kernel: 2, stride: 2),
                                Conv2d(16, 32, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g),
                                BatchNorm2d(32), ReLU(), MaxPool2d(kernel: 2, stride: 2)])
            head = Linear(32 * 8 * 8, 10, generator: &g)
            parameters = model.parameters() + head.parameters()
            adam = Adam(parameters, learningRate: 1e-3, weightDecay: 1e-4)
            images = Tensor.uniform([16, 3, 32, 32], generator: &g)
            classes = (0..<16).map { $0 % 5 }
            attributes = Tensor(shape: [16, 5], scalars: (0..<80).map { Float(($0 / 5 + $0 % 5) % 2) })
        }

        /// One step: identity cross-entropy + attribute BCE, gradients, Adam. Returns the loss tensor.
        func step() -> Tensor {
            let logits = head(model(images).flattened())
            let loss = crossEntropy(logits.slice(axis: 1, 0..<5), labels: classes)
                + bceWithLogits(logits.slice(axis: 1, 5..<10), targets: attributes)
            adam.update(gradients: gradients(of: loss, wrt: parameters.map(\.value)))
            return loss
        }
    }

    @Test func trainingStepsDoNotGrowResidentMemory() throws {
        guard ResidentMemory.bytes() != nil else { return }   // no /proc (macOS): nothing to measure
        let setup = Setup()
        var losses: [Float] = []
        for _ in 0..<20 { losses.append(setup.step().scalar) }     // warm-up: buffer cache, BLAS, threads
        let before = ResidentMemory.bytes()!
        for _ in 0..<100 { losses.append(setup.step().scalar) }
        let growth = ResidentMemory.bytes()! - before
        #expect(growth < 200 << 20, "resident memory grew \(growth >> 20) MB over 100 steps")
        #expect(losses.last! < losses.first!, "the steps must train for the test to mean anything")
    }

    /// The control: holding the loss tensors (and so their graphs) across steps does grow memory,
    /// by about one step's activations per step, so the bound above can fail.
    @Test func keepingLossTensorsAcrossStepsGrowsMemory() throws {
        guard ResidentMemory.bytes() != nil else { return }
        let setup = Setup()
        for _ in 0..<5 { _ = setup.step() }
        let before = ResidentMemory.bytes()!
        var kept: [Tensor] = []
        for _ in 0..<30 { kept.append(setup.step()) }
        let growth = ResidentMemory.bytes()! - before
        #expect(growth > 60 << 20, "30 retained graphs added only \(growth >> 20) MB")
        #expect(kept.count == 30)
    }
}
