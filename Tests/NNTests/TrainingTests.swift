import Foundation
import Testing
import NN
import TensorCore
import TestSupport

@Suite struct TrainingTests {
    final class TinyNet: Module {
        let features: Sequential
        let head: Linear
        init(generator g: inout RandomGenerator) {
            features = Sequential(Conv2d(3, 8, kernel: 3, stride: 2, padding: 1, generator: &g),
                                  InstanceNorm2d(8, affine: true, trackRunningStats: true, generator: &g), LeakyReLU(0.2),
                                  Conv2d(8, 8, kernel: 3, padding: 1, paddingMode: .reflect, generator: &g),
                                  BatchNorm2d(8), ReLU())
            head = Linear(8, 3, generator: &g)
        }
        override func forward(_ x: Tensor) -> Tensor { head(globalAvgPool2d(features(x)).flattened()) }
    }

    struct Batch { var x: Tensor; var labels: [Int] }

    static func batches(_ n: Int) -> [Batch] {
        var g = RandomGenerator(seed: 10, stream: 4)
        return (0..<n).map { _ in
            let labels = (0..<4).map { _ in g.integer(below: 3) }
            var x = Tensor.normal([4, 3, 8, 8], std: 0.5, generator: &g)
            // Make the class visible in the mean of one channel per class.
            let shift = Tensor(shape: [4, 3, 1, 1], scalars: labels.flatMap { l in (0..<3).map { $0 == l ? 2 : 0 } })
            x = x + shift
            return Batch(x: x, labels: labels)
        }
    }

    static func step(_ net: TinyNet, _ opt: Adam, _ b: Batch) -> Float {
        let params = net.parameters()
        let loss = crossEntropy(net(b.x), labels: b.labels)
        opt.update(gradients: gradients(of: loss, wrt: params.map(\.value)))
        return loss.scalar
    }

    /// Training lowers the loss, and two runs from the same seed give the same bits.
    @Test func trainingIsDeterministicAndLearns() {
        func run() -> ([Float], [UInt32]) {
            var g = RandomGenerator(seed: 1)
            let net = TinyNet(generator: &g)
            let opt = Adam(net.parameters(), learningRate: 1e-2, beta1: 0.5, beta2: 0.999)
            let losses = Self.batches(40).map { Self.step(net, opt, $0) }
            return (losses, net.stateDict().keys.sorted().flatMap { net.stateDict()[$0]!.scalars.map(\.bitPattern) })
        }
        let (l1, w1) = run(), (l2, w2) = run()
        #expect(w1 == w2)
        #expect(l1.map(\.bitPattern) == l2.map(\.bitPattern))
        let early = l1.prefix(5).reduce(0, +) / 5, late = l1.suffix(5).reduce(0, +) / 5
        #expect(late < 0.6 * early, "loss \(early) → \(late)")
    }

    /// Stopping after 3 steps, saving, loading into fresh objects and doing 2 more steps gives the
    /// same weights and optimiser state as 5 uninterrupted steps.
    @Test func checkpointResumesExactly() throws {
        let data = Self.batches(5)
        var g = RandomGenerator(seed: 2)
        let straight = TinyNet(generator: &g)
        let straightOpt = Adam(straight.parameters(), learningRate: 1e-2, weightDecay: 1e-4)
        for b in data { _ = Self.step(straight, straightOpt, b) }

        var g2 = RandomGenerator(seed: 2)
        let first = TinyNet(generator: &g2)
        let firstOpt = Adam(first.parameters(), learningRate: 1e-2, weightDecay: 1e-4)
        for b in data.prefix(3) { _ = Self.step(first, firstOpt, b) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try TrainingCheckpoint(modules: ["net": first], optimizers: ["net_opt": (firstOpt, first)])
            .save(to: url, iteration: 3, metadata: ["seed": "2"])

        var g3 = RandomGenerator(seed: 99)
        let resumed = TinyNet(generator: &g3)
        let resumedOpt = Adam(resumed.parameters(), learningRate: 1e-2, weightDecay: 1e-4)
        let (iteration, meta) = try TrainingCheckpoint(modules: ["net": resumed], optimizers: ["net_opt": (resumedOpt, resumed)])
            .load(from: url)
        #expect(iteration == 3 && meta["seed"] == "2" && resumedOpt.step == 3)
        for b in data.suffix(2) { _ = Self.step(resumed, resumedOpt, b) }
        let a = straight.stateDict(), b = resumed.stateDict()
        for k in a.keys { #expect(a[k]!.scalars.map(\.bitPattern) == b[k]!.scalars.map(\.bitPattern), "\(k)") }
    }
}
