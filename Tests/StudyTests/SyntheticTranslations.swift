import Foundation
import Imaging
import ResultsStore
import Study
import SynthFaces
import TensorCore

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("study-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Translation sets made with the SynthFaces renderer: a few CelebA-HQ-like test faces, each with the
/// paper's 8 edits (5 single-, 3 two-attribute), their exact ground-truth translations, and per method
/// "outputs" that are the ground truth plus seeded Gaussian noise of the method's own strength, so a
/// ground-truth rater must prefer the method with less noise.
enum SyntheticTranslations {
    static let size = 32
    /// Per-pixel noise standard deviation of each method's outputs: BiL-GAN least, IcGAN most.
    static let noise: [String: Float] = [MethodKey.bilgan: 0.02, MethodKey.stargan: 0.06, MethodKey.icgan: 0.12]

    /// The paper's per-face edits for a face with the given age and makeup.
    static func edits(young: Bool, makeup: Bool) throws -> [AttributeEdit] {
        let labelSets: [[String: Bool]] = [
            ["Young": !young], ["Heavy_Makeup": !makeup],
            ["Black_Hair": true], ["Blond_Hair": true], ["Brown_Hair": true],
            ["Young": !young, "Heavy_Makeup": !makeup], ["Young": !young, "Blond_Hair": true],
            ["Heavy_Makeup": !makeup, "Black_Hair": true],
        ]
        return try labelSets.map { try AttributeEdit(labels: $0) }
    }

    /// Writes `faces` inputs, ground truths and every method's outputs under `folder`; returns the
    /// manifest URL of each method (`<folder>/<method>/translations/manifest.json`).
    static func write(faces: Int, methods: [String], to folder: URL, seed: UInt64 = 7) throws -> [String: URL] {
        let sampler = SceneSampler(configuration: .embeddedDefault)
        let shared = folder.appendingPathComponent("faces")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        var truths = [(inputID: String, input: String, edit: AttributeEdit, truth: Image, truthPath: String)]()
        for face in 0..<faces {
            let index = GenerationConfiguration.embeddedDefault.celebAHQ.count - 1 - face   // the test split's end
            let scene = sampler.celebAHQScene(index)
            let inputPath = shared.appendingPathComponent("\(index).png")
            try PNG.write(FaceRenderer.render(scene, size: size).image, to: inputPath)
            for (e, edit) in try edits(young: scene.attributes.young, makeup: scene.attributes.heavyMakeup).enumerated() {
                let truth = FaceRenderer.render(try scene.with(edit.targetLabels), size: size).image
                let truthPath = shared.appendingPathComponent("\(index)-edit\(e)-truth.png")
                try PNG.write(truth, to: truthPath)
                truths.append((String(index), inputPath.path, edit, truth, truthPath.path))
            }
        }
        var manifests = [String: URL]()
        for (m, method) in methods.enumerated() {
            let translations = folder.appendingPathComponent(method).appendingPathComponent("translations")
            try FileManager.default.createDirectory(at: translations, withIntermediateDirectories: true)
            var random = RandomGenerator(seed: seed, stream: UInt64(m))
            var items = [TranslationItem]()
            for (t, entry) in truths.enumerated() {
                var output = entry.truth
                let sigma = Double(noise[method] ?? 0.1)
                for i in output.pixels.indices {
                    output.pixels[i] = min(1, max(0, output.pixels[i] + Float(sigma * random.normal())))
                }
                let name = "\(t).png"
                try PNG.write(output, to: translations.appendingPathComponent(name))
                items.append(TranslationItem(inputID: entry.inputID, inputImage: entry.input, edit: entry.edit, outputImage: name,
                                             groundTruthImage: entry.truthPath))
            }
            let url = translations.appendingPathComponent(TranslationManifest.fileName)
            try TranslationManifest(method: method, dataset: "synthfaces-celebahq", items: items).write(to: url)
            manifests[method] = url
        }
        return manifests
    }

    /// A study "table1" over BiL-GAN, StarGAN and IcGAN on `faces` faces, recorded in a new database.
    static func study(faces: Int, seed: UInt64 = 12, pairsPerRater: Int, in directory: TemporaryDirectory)
        throws -> (database: ResultsDatabase, pairs: [StudyPair], folder: URL) {
        let manifests = try write(faces: faces, methods: [MethodKey.bilgan, MethodKey.stargan, MethodKey.icgan],
                                  to: directory.url.appendingPathComponent("runs"))
        let subject = try LoadedManifest.load(manifests[MethodKey.bilgan]!)
        let opponents = try [MethodKey.stargan, MethodKey.icgan].map { try LoadedManifest.load(manifests[$0]!) }
        let pairs = try BlindedPairs.make(subject: subject, opponents: opponents, seed: seed)
        let database = try ResultsDatabase(path: directory.path("results.sqlite"))
        let folder = directory.url.appendingPathComponent("study")
        try StudyFolder.create(study: "table1", pairs: pairs, seed: seed, manifests: [subject] + opponents,
                               pairsPerRater: pairsPerRater, folder: folder, database: database)
        return (database, pairs, folder)
    }
}
