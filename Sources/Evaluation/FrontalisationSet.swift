import Datasets
import Experiments
import Foundation
import Imaging
import TensorCore
import Training

/// A finished Multi-PIE run's frontalised probes, under `<run>/frontalised/`: every probe of
/// `PoseIdentificationSplit` translated to the frontal camera domain (05_1, yaw 0) at the run's size,
/// written as `outputs/<the probe's path below the dataset>` (frontal probes too: the protocol
/// translates every pose), and `manifest.json` listing each probe with its output.
public enum FrontalisationSet {
    /// The target domain: camera 05_1.
    public static let frontalCamera = "05_1"

    public struct Item: Codable, Equatable, Sendable {
        /// The probe's path below the dataset's Multi-PIE root.
        public var probe: String
        /// The output's path below the manifest's folder.
        public var output: String
        public var subject: Int
        public var camera: String
        public var illumination: Int
    }

    public struct Manifest: Codable, Equatable, Sendable {
        public var runId: Int64
        public var method: String
        public var variant: String
        public var targetCamera: String
        public var imageSize: Int
        public var items: [Item]
    }

    public static func folder(of run: FinishedRun) -> URL { run.folder.appendingPathComponent("frontalised") }
    public static func manifestURL(of run: FinishedRun) -> URL { folder(of: run).appendingPathComponent("manifest.json") }

    /// The manifest of a complete earlier translation of exactly these probes (every output present).
    public static func existing(for run: FinishedRun, probes: [MultiPIEDataset.Entry]) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: manifestURL(of: run).path),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
              manifest.items.map(\.probe) == probes.map(\.relativePath) else { return nil }
        let base = folder(of: run)
        return manifest.items.allSatisfy { FileManager.default.fileExists(atPath: base.appendingPathComponent($0.output).path) }
            ? manifest : nil
    }

    /// Translates every probe to the frontal domain with `method`, writes the outputs and the manifest.
    public static func produce(run: FinishedRun, method: TrainingMethod, split: PoseIdentificationSplit, batchSize: Int,
                               progress: ((Int) -> Void)? = nil) throws -> Manifest {
        let base = folder(of: run)
        let side = run.config.training.imageSize
        let domains = DomainSelection.multiPIEPoses
        guard let frontal = domains.attributes.firstIndex(of: frontalCamera) else {
            throw ExperimentError("the Multi-PIE domains have no frontal camera \(frontalCamera)")
        }
        let target = domains.attributes.indices.map { Float($0 == frontal ? 1 : 0) }
        let samples = split.dataset.samples(split.probes)
        let loader = try BatchLoader(samples: samples, configuration: .evaluation(batchSize: batchSize, imageSize: side))
        var items: [Item] = []
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let n = batch.images.shape[0]
            let targets = Tensor(shape: [n, target.count], scalars: Array((0..<n).map { _ in target }.joined()))
            let outputs = withoutGradients { method.translate(batch.images, sourceLabels: batch.labels, targetLabels: targets) }
            guard outputs.shape == batch.images.shape else {
                throw ExperimentError("run \(run.id): translate returned \(outputs.shape) for inputs \(batch.images.shape)")
            }
            for (row, index) in batch.sampleIndices.enumerated() {
                let entry = split.probes[index]
                let output = "outputs/" + entry.relativePath
                try TranslationSet.write(Image(tensor: outputs.slice(axis: 0, row..<(row + 1))), to: base.appendingPathComponent(output))
                items.append(Item(probe: entry.relativePath, output: output, subject: entry.name.subject, camera: entry.name.camera,
                                  illumination: entry.name.illumination))
            }
            progress?(n)
        }
        let manifest = Manifest(runId: run.id, method: run.config.method, variant: run.config.variant, targetCamera: frontalCamera,
                                imageSize: side, items: items)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: manifestURL(of: run), options: .atomic)
        return manifest
    }
}
