import Foundation
import NN

/// The run's checkpoints: `checkpoints/iter-00000100.safetensors`, one file per save, each holding
/// every module and optimiser of the method by name (`NN.TrainingCheckpoint`). A file is written
/// under a temporary name and renamed into place, so a process killed at any moment leaves only
/// whole checkpoints; the newest one is where a rerun resumes.
public struct CheckpointDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public func file(iteration: Int) -> URL {
        url.appendingPathComponent("iter-" + String(iteration).leftPadded(8) + ".safetensors")
    }

    /// Iterations of the checkpoints on disk, ascending.
    public func iterations() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("iter-"), name.hasSuffix(".safetensors") else { return nil }
            return Int(name.dropFirst(5).dropLast(12))
        }.sorted()
    }

    public var latest: URL? { iterations().last.map(file(iteration:)) }

    func save(_ method: TrainingMethod, iteration: Int) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let target = file(iteration: iteration)
        let temporary = url.appendingPathComponent(".partial-\(iteration).safetensors")
        try Self.checkpoint(of: method).save(to: temporary, iteration: iteration)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: temporary, to: target)
    }

    /// Restores the method from the newest checkpoint; returns its iteration (0 when there is none).
    public func restoreLatest(into method: TrainingMethod) throws -> Int {
        guard let latest else { return 0 }
        return try Self.checkpoint(of: method).load(from: latest).iteration
    }

    /// Modules under their names (`G.main.0.weight`), optimisers under `<name>_opt`
    /// (`G_opt.exp_avg.main.0.weight`), so a network and its optimiser may share a name.
    public static func checkpoint(of method: TrainingMethod) -> TrainingCheckpoint {
        TrainingCheckpoint(
            modules: Dictionary(uniqueKeysWithValues: method.checkpointModules.map { ($0.name, $0.module) }),
            optimizers: Dictionary(uniqueKeysWithValues: method.optimizers.map { ($0.name + "_opt", ($0.optimizer, $0.module)) }))
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
