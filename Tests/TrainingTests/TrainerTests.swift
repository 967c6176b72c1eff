import Datasets
import Foundation
import Imaging
import NN
import TensorCore
import Testing
import Training

/// A one-layer method: a 1×1 convolution trained to map images to their flipped-sign labels' mean,
/// with a random draw per step, so resume exercises data order, per-iteration randomness, Adam state
/// and the schedule. `poisonAt` makes one iteration's loss NaN.
final class ToyMethod: TrainingMethod {
    let layer: Conv2d
    let optimizer: Adam
    let poisonAt: Int?

    init(seed: UInt64, poisonAt: Int? = nil) {
        var random = RandomGenerator(seed: seed, stream: MethodContext.initialisationStream)
        layer = Conv2d(3, 3, kernel: 1, generator: &random)
        optimizer = Adam(layer.parameters(), learningRate: 1e-2, beta1: 0.5, beta2: 0.999)
        self.poisonAt = poisonAt
    }

    var checkpointModules: [(name: String, module: Module)] { [("net", layer)] }
    var optimizers: [(name: String, optimizer: Adam, module: Module)] { [("net", optimizer, layer)] }
    let lossNames = ["loss", "noise"]

    func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        let noise = Tensor.normal(batch.images.shape, std: 0.1, generator: &random)
        var loss = mseLoss(layer(batch.images + noise), batch.images.scaled(by: -1))
        if iteration + 1 == poisonAt { loss = loss * Float.nan }
        optimizer.update(gradients: gradients(of: loss, wrt: layer.parameters().map(\.value)))
        return ["loss": loss.scalar, "noise": noise.mean().scalar]
    }

    func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor { withoutGradients { layer(images) } }
}

/// Eight random 8×8 PNG images with two-column labels in a temporary folder.
final class ToyData {
    let folder: URL
    let loader: BatchLoader

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = RandomGenerator(seed: 11)
        var samples: [LabelledImage] = []
        for k in 0..<8 {
            let image = Image(width: 8, height: 8, channels: 3, pixels: (0..<192).map { _ in random.uniformFloat() })
            let url = folder.appendingPathComponent("\(k).png")
            try PNG.write(image, to: url)
            samples.append(LabelledImage(image: url, labels: [Float(k % 2), Float(1 - k % 2)]))
        }
        loader = try BatchLoader(samples: samples, configuration: BatchConfiguration(batchSize: 3, imageSize: 8, seed: 4))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func trainer(_ method: ToyMethod, folder name: String, iterations: Int = 7) throws -> Trainer {
        let settings = TrainingSettings(iterations: iterations, batchSize: 3, imageSize: 8, checkpointEvery: 3, sampleEvery: 4,
                                        sampleRows: 2, learningRate: LearningRatePolicy(kind: .linear, decayStart: 2))
        let fixed = try loader.batch(epoch: 0, index: 0)
        let labels = fixed.labels.slice(axis: 0, 0..<2)
        let grid = SampleGrid(images: fixed.images.slice(axis: 0, 0..<2), labels: labels,
                              targetColumns: [labels, labels])
        let trainer = Trainer(method: method, loader: loader, settings: settings,
                              layout: .init(folder: folder.appendingPathComponent(name)), seed: 9, samples: grid)
        trainer.showProgress = false
        return trainer
    }
}

@Suite struct TrainerTests {
    /// A run stopped by SIGINT after iteration 1 (checkpoint written then) and resumed in a fresh
    /// method ends with the same bits as one that never stopped: weights, Adam moments and step,
    /// and every row of losses.csv (7 iterations over 2 epochs of 2 batches, so the resume crosses
    /// an epoch boundary and starts mid-epoch).
    @Test func interruptedAndResumedRunMatchesUninterruptedBitForBit() throws {
        let data = try ToyData()
        let straight = ToyMethod(seed: 1)
        #expect(try data.trainer(straight, folder: "straight").run() == .completed(iterations: 7))

        let first = try data.trainer(ToyMethod(seed: 1), folder: "resumed")
        first.stopRequests.request(SIGINT)
        #expect(try first.run() == .interrupted(iteration: 1, signal: SIGINT))
        #expect(first.layout.checkpoints.iterations() == [1])
        let resumedMethod = ToyMethod(seed: 1)
        let second = try data.trainer(resumedMethod, folder: "resumed")
        #expect(try second.run() == .completed(iterations: 7))

        #expect(straight.layer.stateDict().mapValues(\.scalars) == resumedMethod.layer.stateDict().mapValues(\.scalars))
        let names = straight.layer.namedParameters().map(\.0)
        #expect(straight.optimizer.stateDict(names: names).tensors.mapValues(\.scalars)
                == resumedMethod.optimizer.stateDict(names: names).tensors.mapValues(\.scalars))
        #expect(straight.optimizer.step == 7 && resumedMethod.optimizer.step == 7)
        let straightLog = try String(contentsOf: data.folder.appendingPathComponent("straight/losses.csv"), encoding: .utf8)
        let resumedLog = try String(contentsOf: data.folder.appendingPathComponent("resumed/losses.csv"), encoding: .utf8)
        #expect(straightLog == resumedLog)
        #expect(straightLog.split(separator: "\n").count == 8)
        #expect(straightLog.hasPrefix("iteration,lr/net,loss,noise\n1,0.00999999978,"))
        // Checkpoints at 3, 6 and the end; sample grids at 4 and the end; the loss curve.
        #expect(second.layout.checkpoints.iterations() == [1, 3, 6, 7])
        let grid = try PNG.read(second.layout.sampleGrid(iteration: 4))
        #expect(grid.width == 3 * 8 + 4 * 2 && grid.height == 2 * 8 + 3 * 2)
        #expect(FileManager.default.fileExists(atPath: second.layout.sampleGrid(iteration: 7).path))
        #expect(try String(contentsOf: second.layout.lossCurve, encoding: .utf8).contains("<polyline"))
    }

    /// The learning rate follows the schedule in every row (decay from iteration 2 to 0 at 7).
    @Test func learningRateColumnFollowsTheSchedule() throws {
        let data = try ToyData()
        _ = try data.trainer(ToyMethod(seed: 2), folder: "lr").run()
        let (_, rows) = try LossLog.read(data.folder.appendingPathComponent("lr/losses.csv"))
        let rates = rows.map { $0["lr/net"]! }
        let expected: [Float] = [1e-2, 1e-2, 1e-2, 1e-2 * 0.8, 1e-2 * 0.6, 1e-2 * 0.4, 1e-2 * 0.2]
        #expect(zip(rates, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(rates)")
    }

    /// A NaN loss at iteration 5 stops the run naming the iteration and the loss; the checkpoint of
    /// iteration 3 stays the newest, and no weight of it is NaN.
    @Test func nonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws {
        let data = try ToyData()
        let trainer = try data.trainer(ToyMethod(seed: 3, poisonAt: 5), folder: "nan")
        do {
            _ = try trainer.run()
            Issue.record("the run did not stop")
        } catch let stop as TrainingStopped {
            #expect(stop.iteration == 5)
            #expect(stop.description.contains("iteration 5") && stop.description.contains("loss loss is nan"), "\(stop)")
        }
        #expect(trainer.layout.checkpoints.iterations() == [3])
        let saved = try SafeTensors.read(trainer.layout.checkpoints.file(iteration: 3))
        #expect(saved.tensors.values.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
        #expect(saved.metadata["iteration"] == "3")
    }
}
