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
                               showProgress: Bool) throws -> TranslationManifest {
        let base = folder(of: run)
        let size = run.config.training.imageSize
        let domains = data.dataset.domains
        let synthetic = SynthFacesGenerator.savedConfiguration(in: data.root)
        let sampler = synthetic.map(SceneSampler.init(configuration:))
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
                    if let sampler, let index = Int(ids[i]) {
                        truth = "ground-truth/\(ids[i])/\(k).png"
                        let image = try GroundTruth.render(sampler: sampler, index: index, changes: edit.changes, size: size)
                        try write(image, to: base.appendingPathComponent(truth!))
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
public enum GroundTruth {
    public static func render(sampler: SceneSampler, index: Int, changes: [String: Bool], size: Int) throws -> Image {
        let scene = try sampler.celebAHQScene(index).with(changes)
        var image = FaceRenderer.render(scene, size: sampler.configuration.celebAHQ.size).image.rgb()
        image.pixels = image.pixels.map { ($0 * 255).rounded() / 255 }
        return image.width == size ? image : image.resized(width: size, height: size, filter: .bilinear)
    }
}
