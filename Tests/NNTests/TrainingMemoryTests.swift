import Foundation
import NN
import Testing
import TensorCore
import TestSupport

/// Memory across training steps (issue 11: a feature-extractor training test once grew ~1 GB per 5 s).
/// Measured: the tensor core, cross-entropy on class labels, sigmoid cross-entropy and one Adam over
/// every parameter hold nothing across steps; what reproduces the growth is keeping a loss *tensor*
/// across steps (`total = total + loss`), which keeps each step's graph and activations alive, as in
/// PyTorch without `.item()`. Read losses with `.scalar`. Checked with weak handles on the graph
/// (`GraphWitness`), not resident memory, which other tests running at the same time move.
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

        /// One step: identity cross-entropy + attribute BCE, gradients, Adam. Returns the loss tensor
        /// and the network's features (an activation in the middle of the graph).
        func stepKeepingFeatures() -> (loss: Tensor, features: Tensor) {
            let features = model(images)
            let logits = head(features.flattened())
            let loss = crossEntropy(logits.slice(axis: 1, 0..<5), labels: classes)
                + bceWithLogits(logits.slice(axis: 1, 5..<10), targets: attributes)
            adam.update(gradients: gradients(of: loss, wrt: parameters.map(\.value)))
            return (loss, features)
        }
    }

    /// After a step, nothing keeps its graph: neither the loss's record nor the features' (which an
    /// optimiser or a norm layer holding a non-detached tensor would keep alive).
    @Test func trainingStepsReleaseTheirGraphs() throws {
        let setup = Setup()
        var losses: [Float] = [], witnesses: [GraphWitness] = []
        for _ in 0..<20 {
            let (loss, features) = setup.stepKeepingFeatures()
            witnesses += [loss.graphWitness, features.graphWitness]
            losses.append(loss.scalar)
        }
        #expect(witnesses.allSatisfy { $0.hadGraph })
        #expect(witnesses.allSatisfy { !$0.isAlive }, "\(witnesses.filter(\.isAlive).count) graphs still alive after their steps")
        #expect(losses.last! < losses.first!, "the steps must train for the test to mean anything")
    }

    /// The control: holding the loss tensors keeps every step's graph, features included, alive (the
    /// ~1 GB per 5 s of the old evaluator test), so the check above can fail.
    @Test func keepingLossTensorsAcrossStepsKeepsTheirGraphs() throws {
        let setup = Setup()
        var kept: [Tensor] = [], witnesses: [GraphWitness] = []
        for _ in 0..<5 {
            let (loss, features) = setup.stepKeepingFeatures()
            kept.append(loss)
            witnesses.append(features.graphWitness)
        }
        #expect(witnesses.allSatisfy { $0.isAlive })
        kept.removeAll()
        #expect(witnesses.allSatisfy { !$0.isAlive }, "dropping the losses frees their graphs")
    }
}
