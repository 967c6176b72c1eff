import Foundation
import Testing
import NN
import TensorCore
import TestSupport

/// A load that fails changes nothing (issue 8): every value is checked before any is written.
@Suite struct AtomicLoadTests {
    static func network(seed: UInt64) -> Sequential {
        var g = RandomGenerator(seed: seed)
        return Sequential(Conv2d(3, 4, kernel: 3, generator: &g), ReLU(), Linear(4, 2, generator: &g))
    }

    static func bits(_ module: Module) -> [String: [UInt32]] {
        module.stateDict().mapValues { $0.scalars.map(\.bitPattern) }
    }

    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID()).safetensors")
    }

    /// `2.bias` comes after `0.weight` and `0.bias` in load order; before the fix those two were
    /// already overwritten when the bad shape was found.
    @Test func moduleLoadWithALaterBadShapeChangesNothing() throws {
        let net = Self.network(seed: 1)
        let before = Self.bits(net)
        var dict = Self.network(seed: 2).stateDict()
        dict["2.bias"] = Tensor.zeros([3])
        let url = temporaryFile(); defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(dict, to: url)
        #expect(throws: StateDictError.self) { try net.load(from: url) }
        #expect(Self.bits(net) == before)
        dict["2.bias"] = Tensor.zeros([2])
        try SafeTensors.write(dict, to: url)
        try net.load(from: url)
        #expect(Self.bits(net) == dict.mapValues { $0.scalars.map(\.bitPattern) })
    }

    @Test func checkpointWithAMissingOptimiserEntryChangesNeitherNetworksNorOptimisers() throws {
        // A checkpoint of trained state (weights from seed 3, one Adam step taken).
        let source = Self.network(seed: 3)
        let sourceOpt = Adam(source.parameters(), learningRate: 0.1)
        sourceOpt.update(gradients: source.parameters().map { Tensor.ones($0.shape) })
        let url = temporaryFile(); defer { try? FileManager.default.removeItem(at: url) }
        try TrainingCheckpoint(modules: ["G": source], optimizers: ["G_opt": (sourceOpt, source)]).save(to: url, iteration: 1)

        var file = try SafeTensors.read(url)
        let complete = file
        file.tensors.removeValue(forKey: "G_opt.exp_avg_sq.2.bias")
        try SafeTensors.write(file.tensors, metadata: file.metadata, to: url)

        let target = Self.network(seed: 4)
        let targetOpt = Adam(target.parameters(), learningRate: 0.1)
        let before = Self.bits(target)
        let checkpoint = TrainingCheckpoint(modules: ["G": target], optimizers: ["G_opt": (targetOpt, target)])
        let error = #expect(throws: StateDictError.self) { try checkpoint.load(from: url) }
        #expect(error?.problems == ["missing 'exp_avg_sq.2.bias'"])
        #expect(Self.bits(target) == before && targetOpt.step == 0)
        #expect(targetOpt.stateDict(names: target.namedParameters().map(\.0)).tensors.values.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })

        // Missing step metadata: also nothing changes.
        var metadata = complete.metadata
        metadata.removeValue(forKey: "G_opt.step")
        try SafeTensors.write(complete.tensors, metadata: metadata, to: url)
        #expect(throws: SafeTensorsError.self) { try checkpoint.load(from: url) }
        #expect(Self.bits(target) == before && targetOpt.step == 0)

        // The complete file loads everything.
        try SafeTensors.write(complete.tensors, metadata: complete.metadata, to: url)
        #expect(try checkpoint.load(from: url).iteration == 1)
        #expect(Self.bits(target) == Self.bits(source) && targetOpt.step == 1)
    }

    @Test func checkpointWithABadShapeInTheSecondNetworkLeavesTheFirstAlone() throws {
        let a = Self.network(seed: 5), b = Self.network(seed: 6)
        let url = temporaryFile(); defer { try? FileManager.default.removeItem(at: url) }
        try TrainingCheckpoint(modules: ["A": a, "B": b]).save(to: url, iteration: 7)
        var file = try SafeTensors.read(url)
        file.tensors["B.0.weight"] = Tensor.zeros([1])
        try SafeTensors.write(file.tensors, metadata: file.metadata, to: url)
        let x = Self.network(seed: 7), y = Self.network(seed: 8)
        let before = (Self.bits(x), Self.bits(y))
        #expect(throws: StateDictError.self) { try TrainingCheckpoint(modules: ["A": x, "B": y]).load(from: url) }
        #expect(Self.bits(x) == before.0 && Self.bits(y) == before.1)
    }
}

extension AtomicLoadTests {
    /// `module.0.bias` and `0.bias` in one file collide once the DataParallel prefix is stripped.
    @Test func strippedPrefixCollisionIsAnError() throws {
        let net = Self.network(seed: 9)
        var dict = Dictionary(uniqueKeysWithValues: net.stateDict().map { ("module." + $0.key, $0.value) })
        dict["0.bias"] = Tensor.zeros([4])
        let url = temporaryFile(); defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(dict, to: url)
        let before = Self.bits(net)
        let error = #expect(throws: StateDictError.self) { try net.load(from: url, stripPrefix: "module.") }
        #expect(error?.problems.first?.contains("become '0.bias'") == true)
        #expect(Self.bits(net) == before)
    }
}
