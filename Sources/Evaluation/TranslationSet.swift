import Datasets
import Experiments
import Foundation
import Imaging
import Study
import SynthFaces
import TensorCore
import Training

/// A finished run's translations of the held-out test faces, saved under `<run>/translations/`:
/// `inputs/<id>.png` (the network's input, at the run's size), `outputs/<id>/<k>.png` for the 8 edits
/// of `EditPlan`, on SynthFaces `ground-truth/<id>/<k>.png` (the renderer's exact translation), and
/// `manifest.json` (`Study.TranslationManifest`, the format the user study reads).
public enum TranslationSet {
    public static func folder(of run: FinishedRun) -> URL { run.folder.appendingPathComponent("translations") }

    /// The manifest when a complete earlier translation is on disk (every listed file present).
    public static func existing(for run: FinishedRun, expectedItems: Int) -> TranslationManifest? {
        let url = folder(of: run).appendingPathComponent(TranslationManifest.fileName)
        guard FileManager.default.fileExists(atPath: url.path),
              let manifest = try? TranslationManifest.load(from: url), manifest.items.count == expectedItems else { return nil }
        let complete = manifest.items.allSatisfy { item in
            ([item.inputImage, item.outputImage] + (item.groundTruthImage.map { [$0] } ?? [])).allSatisfy {
                FileManager.default.fileExists(atPath: TranslationManifest.resolve($0, relativeTo: url).path)
            }
        }
        return complete ? manifest : nil
    }

    /// Translates every test face with every edit (and renders the ground truth on SynthFaces), writes
    /// the images and the manifest, and returns the manifest.
    public static func produce(run: FinishedRun, method: TrainingMethod, data: EvaluationData, batchSize: Int,
                               groundTruthCache: URL, showProgress: Bool) throws -> TranslationManifest {
        let base = folder(of: run)
        let size = run.config.training.imageSize
        let domains = data.dataset.domains
        let synthetic = SynthFacesGenerator.savedConfiguration(in: data.root)
        let truths = synthetic.map { GroundTruth(sampler: SceneSampler(configuration: $0), size: size,
                                                 cache: groundTruthCache.appendingPathComponent("\(data.fingerprint.prefix(12))-\(size)")) }
        let loader = try BatchLoader(samples: data.test, configuration: .evaluation(batchSize: batchSize, imageSize: size))
        let bar = ProgressBar(total: data.test.count * EditPlan.editsPerFace, label: "translating \(run.config.method) run \(run.id)",
                              enabled: showProgress)
        var items: [TranslationItem] = []
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let n = batch.images.shape[0], width = domains.attributes.count
            let labels = batch.labels.scalars
            let plans = (0..<n).map { EditPlan.edits(labels: Array(labels[(width * $0)..<(width * ($0 + 1))]), domains: domains) }
            let ids = batch.sampleIndices.map { EvaluationData.identifier(of: data.test[$0]) }
            for i in 0..<n {
                try write(Image(tensor: batch.images.slice(axis: 0, i..<(i + 1))), to: base.appendingPathComponent("inputs/\(ids[i]).png"))
            }
            try truths?.renderMissing((0..<n).flatMap { i in plans[i].enumerated().map { (ids[i], $0.offset, $0.element.changes) } })
            for k in 0..<EditPlan.editsPerFace {
                let targets = Tensor(shape: [n, width], scalars: plans.flatMap { $0[k].targetLabels })
                let outputs = withoutGradients { method.translate(batch.images, sourceLabels: batch.labels, targetLabels: targets) }
                guard outputs.shape == batch.images.shape else {
                    throw ExperimentError("run \(run.id): translate returned \(outputs.shape) for inputs \(batch.images.shape)")
                }
                for i in 0..<n {
                    let edit = plans[i][k]
                    let output = "outputs/\(ids[i])/\(k).png"
                    try write(Image(tensor: outputs.slice(axis: 0, i..<(i + 1))), to: base.appendingPathComponent(output))
                    var truth: String?
                    if let truths {
                        truth = "ground-truth/\(ids[i])/\(k).png"
                        try truths.link(id: ids[i], edit: k, to: base.appendingPathComponent(truth!))
                    }
                    items.append(TranslationItem(inputID: ids[i], inputImage: "inputs/\(ids[i]).png",
                                                 edit: try AttributeEdit(labels: edit.changes), outputImage: output,
                                                 groundTruthImage: truth))
                    bar.advance()
                }
            }
        }
        let manifest = TranslationManifest(method: run.config.method, variant: run.config.variant, runId: run.id,
                                           dataset: synthetic == nil ? "celeba-hq" : "synthfaces-celebahq", items: items)
        try manifest.validate(file: base.appendingPathComponent(TranslationManifest.fileName).path)
        try manifest.write(to: base.appendingPathComponent(TranslationManifest.fileName))
        return manifest
    }

    static func write(_ image: Image, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PNG.write(image, to: url)
    }
}

/// The renderer's exact translation of a SynthFaces CelebA-HQ-like image: the same scene (person,
/// pose, light, background) with the edited attributes, rendered at the set's size, quantised to 8 bits
/// and resized as the loader resizes the real file, so an edit that changes nothing gives the input.
/// It depends on the data and the edit only, never on the method, so it is rendered once per
/// (dataset, size) into a cache under `<results>/evaluators/ground-truth/` (all cores) and hard-linked
/// into each run's translations.
public struct GroundTruth: Sendable {
    public let sampler: SceneSampler
    public let size: Int
    public let cache: URL

    func file(id: String, edit: Int) -> URL { cache.appendingPathComponent("\(id)/\(edit).png") }

    /// Renders the (id, edit index, changes) not yet in the cache, in parallel.
    func renderMissing(_ jobs: [(String, Int, [String: Bool])]) throws {
        let missing = jobs.filter { !FileManager.default.fileExists(atPath: file(id: $0.0, edit: $0.1).path) }
        guard !missing.isEmpty else { return }
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: missing.count) { j in
            let (id, k, changes) = missing[j]
            do {
                guard let index = Int(id) else { throw ExperimentError("\(id): a SynthFaces image name is its index") }
                try TranslationSet.write(try Self.render(sampler: sampler, index: index, changes: changes, size: size),
                                         to: file(id: id, edit: k))
            } catch { failures.append(error) }
        }
        if let first = failures.first { throw first }
    }

    func link(id: String, edit: Int, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        do { try FileManager.default.linkItem(at: file(id: id, edit: edit), to: url) } catch {
            try FileManager.default.copyItem(at: file(id: id, edit: edit), to: url)
        }
    }

    public static func render(sampler: SceneSampler, index: Int, changes: [String: Bool], size: Int) throws -> Image {
        let scene = try sampler.celebAHQScene(index).with(changes)
        var image = FaceRenderer.render(scene, size: sampler.configuration.celebAHQ.size).image.rgb()
        image.pixels = image.pixels.map { ($0 * 255).rounded() / 255 }
        return image.width == size ? image : image.resized(width: size, height: size, filter: .bilinear)
    }
}

/// Errors collected from parallel workers.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func append(_ error: Error) { lock.withLock { errors.append(error) } }
    var first: Error? { lock.withLock { errors.first } }
}
