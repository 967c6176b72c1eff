import Datasets
import Experiments
import Foundation

/// Table 3's images on a Multi-PIE(-like) tree (`evaluators.md` §3.3, Setting 2 of `bilgan-method.md`):
/// the Light CNN learns from the **training** subjects (001–200, every pose and illumination); the
/// gallery is **one frontal image per test subject** (camera 05_1, illumination 06, first neutral
/// session: TP-GAN's `051_06`, the first session of FFWM's rule) and the probes are **every other
/// neutral test image** (the 13 cameras, every illumination the set has, frontal 05_1 included).
/// Training and test subjects are disjoint by construction.
public struct PoseIdentificationSplit {
    public let dataset: MultiPIEDataset
    public let train: [MultiPIEDataset.Entry]
    public let gallery: [MultiPIEDataset.Entry]
    public let probes: [MultiPIEDataset.Entry]

    /// The selection on `data`; errors name the folder and what is missing.
    public init(_ data: MultiPIEDataset) throws {
        dataset = data
        let (train, test) = data.settingTwo()
        guard !train.isEmpty else {
            throw ExperimentError("\(data.root.path): no Setting 2 training images (neutral, subjects 001–200, the 13 eye-level cameras)")
        }
        let subjects = Set(test.map(\.name.subject)).sorted()
        guard !subjects.isEmpty else {
            throw ExperimentError("\(data.root.path): no Setting 2 test subjects (ids above 200); Table 3 needs them "
                + "(generate at least 201 subjects, e.g. synthfaces generate --multipie-subjects 240)")
        }
        var gallery: [MultiPIEDataset.Entry] = []
        for subject in subjects {
            guard let entry = data.galleryEntry(subject: subject) else {
                throw ExperimentError("\(data.root.path): test subject \(String(subject)) has no frontal gallery image "
                    + "(camera 05_1, illumination 06, neutral session); the rank-1 protocol needs one per test subject")
            }
            gallery.append(entry)
        }
        let galleryPaths = Set(gallery.map(\.relativePath))
        self.train = train
        self.gallery = gallery
        probes = test.filter { !galleryPaths.contains($0.relativePath) }
    }

    /// Opens the Multi-PIE folder of a data root (`<root>/multipie`).
    public init(root: URL) throws {
        let folder = TrainingDataset.multipie.folder(in: root)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw ExperimentError("dataset folder \(folder.path) does not exist; generate SynthFaces with `make dataset` "
                + "or pass --data-root with the folder that holds multipie/")
        }
        try self.init(try MultiPIEDataset.open(folder))
    }

    /// The training identities as classes (sorted subject ids).
    public var identityClasses: [String: Int] {
        Dictionary(uniqueKeysWithValues: Set(train.map { String($0.name.subject) }).sorted { Int($0)! < Int($1)! }.enumerated().map { ($1, $0) })
    }
}
