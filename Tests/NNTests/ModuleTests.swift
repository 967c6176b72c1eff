import Foundation
import Testing
import NN
import Networks
import TensorCore
import TestSupport

@Suite struct ModuleTests {
    struct StateDictShapes: Decodable {
        var G: [String: [Int]]
        var D: [String: [Int]]
        var G_parameters: Int
        var D_parameters: Int
    }

    /// Our StarGAN networks have exactly PyTorch's state-dict names and shapes (model.py), and the
    /// parameter counts of baselines.md §7.
    @Test func starGANNamesAndShapesMatchPyTorch() throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("stargan_state_dict.json"))
        let ref = try JSONDecoder().decode(StateDictShapes.self, from: data)
        var g = RandomGenerator(seed: 0)
        let G = StarGANGenerator(generator: &g), D = StarGANDiscriminator(imageSize: 128, generator: &g)
        #expect(G.stateDict().mapValues(\.shape) == ref.G)
        #expect(D.stateDict().mapValues(\.shape) == ref.D)
        #expect(G.parameterCount == 8_430_528 && G.parameterCount == ref.G_parameters)
        #expect(D.parameterCount == 44_762_048 && D.parameterCount == ref.D_parameters)
        #expect(G.namedParameters().first!.0 == "main.0.weight")
    }

    /// A PyTorch StarGAN generator saved with safetensors.torch.save_file loads by name (int64
    /// num_batches_tracked included) and computes the same output.
    @Test func convertedPyTorchWeightsLoadAndAgree() throws {
        var g = RandomGenerator(seed: 1)
        let G = StarGANGenerator(convDim: 8, labelCount: 2, residualBlocks: 1, generator: &g)
        try G.load(from: Fixtures.directory.appendingPathComponent("stargan_small_G.safetensors"))
        let io = try Fixtures.load("stargan_small_G_io").tensors
        let y = G(io["x"]!, labels: io["c"]!)
        let c = compareTensors(y, io["y"]!, atol: 1e-5, rtol: 1e-4)
        #expect(c.ok, "\(c.message)")
    }

    @Test func loadingReportsEveryProblemWithTheFile() throws {
        var g = RandomGenerator(seed: 2)
        let net = Sequential(Conv2d(3, 4, kernel: 3, generator: &g), ReLU(), Linear(4, 2, generator: &g))
        var dict = net.stateDict()
        dict["0.weight"] = Tensor.zeros([4, 3, 5, 5])
        dict.removeValue(forKey: "2.bias")
        dict["9.extra"] = Tensor.zeros([1])
        do {
            try net.loadStateDict(dict, source: "weights.safetensors")
            Issue.record("expected an error")
        } catch let error as StateDictError {
            let text = error.description
            #expect(text.hasPrefix("weights.safetensors: 3 problem(s)"))
            #expect(text.contains("'0.weight' has shape [4, 3, 5, 5], the model expects [4, 3, 3, 3]"))
            #expect(text.contains("missing '2.bias'"))
            #expect(text.contains("unexpected key '9.extra'"))
        }
        // Non-strict loading ignores the extra key; the DataParallel prefix is stripped.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dp-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(Dictionary(uniqueKeysWithValues: net.stateDict().map { ("module." + $0.key, $0.value) }), to: url)
        try net.load(from: url, stripPrefix: "module.")
    }

    @Test func snakeCaseNamesAndModes() {
        #expect(Module.stateDictName("runningMean") == "running_mean")
        #expect(Module.stateDictName("numBatchesTracked") == "num_batches_tracked")
        #expect(Module.stateDictName("conv1") == "conv1")
        var g = RandomGenerator(seed: 3)
        let net = Sequential(Conv2d(1, 2, kernel: 1, generator: &g), BatchNorm2d(2), Dropout(0.5, generator: g))
        #expect(net.namedBuffers().map(\.0) == ["1.running_mean", "1.running_var", "1.num_batches_tracked"])
        net.eval()
        #expect(net.modules().allSatisfy { !$0.isTraining })
        let x = Tensor.normal([2, 1, 3, 3], generator: &g)
        // Evaluation: batch norm uses running statistics (0, 1), dropout is the identity.
        let conv = net.layers[0](x)
        #expect(compareTensors(net(x), conv.scaled(by: 1 / (1 + 1e-5 as Float).squareRoot()), atol: 1e-6, rtol: 1e-5).ok)
    }

    @Test func batchNormLayerUpdatesRunningStatistics() {
        let bn = BatchNorm2d(2, momentum: 0.1)
        let x = Tensor(shape: [2, 2, 1, 2], scalars: [1, 3, 10, 20, 5, 7, 30, 40])
        _ = bn(x)
        // Channel 0: values 1, 3, 5, 7 → mean 4, unbiased var 20/3.
        #expect(compareTensors(bn.runningMean.value, Tensor(shape: [2], scalars: [0.4, 2.5]), atol: 1e-6, rtol: 1e-6).ok)
        #expect(Swift.abs(bn.runningVar.value.scalars[0] - (0.9 + 0.1 * 20 / 3)) < 1e-5)
        #expect(bn.numBatchesTracked.value.scalar == 1)
    }

    @Test func learningRateSchedules() {
        let linear = LinearDecaySchedule(base: 1e-4, constantIterations: 100, decayIterations: 100)
        #expect(linear.learningRate(atIteration: 0) == 1e-4)
        #expect(linear.learningRate(atIteration: 100) == 1e-4)
        #expect(Swift.abs(linear.learningRate(atIteration: 150) - 5e-5) < 1e-10)
        #expect(linear.learningRate(atIteration: 200) == 0)
        // StarGAN's released code ends at 0.999 of the base rate (baselines.md §1.4).
        let code = StarGANCodeSchedule(base: 1e-4)
        #expect(code.learningRate(atIteration: 100_999) == 1e-4)
        #expect(Swift.abs(code.learningRate(atIteration: 101_000) - (1e-4 - 1e-9)) < 1e-12)
        #expect(Swift.abs(code.learningRate(atIteration: 199_999) - (1e-4 - 99e-9)) < 1e-11)
        #expect(Swift.abs(code.learningRate(atIteration: 200_000) - 9.99e-5) < 1e-11)
    }
}

@Suite struct InitializerTests {
    /// PyTorch's default bound is 1/√fan_in (kaiming_uniform with a = √5); ConvTranspose2d takes its
    /// fan-in from weight.shape[1]·k² (baselines.md §1.2).
    @Test func defaultBoundsFollowPyTorch() {
        var g = RandomGenerator(seed: 4)
        let conv = Conv2d(16, 32, kernel: 3, generator: &g)
        let bound = 1 / Float(16 * 9).squareRoot()
        let w = conv.weight.value.scalars
        #expect(w.allSatisfy { Swift.abs($0) <= bound } && w.contains { Swift.abs($0) > 0.9 * bound })
        let up = ConvTranspose2d(64, 8, kernel: 4, generator: &g)
        let upBound = 1 / Float(8 * 16).squareRoot()
        #expect(up.weight.value.scalars.allSatisfy { Swift.abs($0) <= upBound })
        #expect(up.weight.value.scalars.contains { Swift.abs($0) > 0.9 * upBound })
    }

    @Test func normalInitialisation() {
        var g = RandomGenerator(seed: 5)
        let net = Sequential(Conv2d(8, 64, kernel: 3, generator: &g), BatchNorm2d(64), Linear(64, 100, generator: &g))
        net.initializeNormal(std: 0.02, generator: &g)
        let w = (net.layers[0] as! Conv2d).weight.value.scalars + (net.layers[2] as! Linear).weight.value.scalars
        let mean = w.reduce(0, +) / Float(w.count)
        let sd = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(w.count)).squareRoot()
        #expect(Swift.abs(mean) < 0.002 && Swift.abs(sd - 0.02) < 0.001)
        #expect((net.layers[0] as! Conv2d).bias!.value.scalars.allSatisfy { $0 == 0 })
        let gamma = (net.layers[1] as! BatchNorm2d).weight!.value.scalars
        #expect(Swift.abs(gamma.reduce(0, +) / 64 - 1) < 0.01)
    }
}
