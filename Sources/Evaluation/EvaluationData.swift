import Datasets
import Experiments
import Foundation
import ResultsStore

/// The images an evaluation reads: the dataset's training split (what the evaluators learn from and
/// the real reference of FD-SynthFaces) and its held-out test split (what the methods translate).
public struct EvaluationData {
    public let dataset: TrainingDataset
    public let root: URL
    public let train: [LabelledImage]
    public let test: [LabelledImage]
    /// `TrainingDataset.fingerprint` of the training split: part of every evaluator's identity.
    public let fingerprint: String
    public let rendererVersion: Int?

    public init(dataset: TrainingDataset, root: URL) throws {
        guard dataset == .celebahq else {
            throw ExperimentError("evaluate supports celebahq (Table 2) and multipie (Table 3); \(dataset.rawValue) has no "
                + "evaluation protocol here yet (docs/evaluators.md)")
        }
        self.dataset = dataset
        self.root = root
        train = try dataset.trainingSamples(root: root)
        let folder = dataset.folder(in: root)
        let split = folder.appendingPathComponent("test.txt")
        guard FileManager.default.fileExists(atPath: split.path) else {
            throw ExperimentError("\(split.path) is missing: evaluation translates the held-out test split it lists")
        }
        test = try SplitFile.select(try CelebADataset.open(folder).samples(domains: dataset.domains), root: folder, listedIn: split)
        guard !test.isEmpty else { throw ExperimentError("\(split.path) lists no images") }
        let print = dataset.fingerprint(samples: train, root: root)
        fingerprint = print.hash
        rendererVersion = print.rendererVersion
    }

    public var attributeNames: [String] { dataset.domains.attributes }

    /// The test image's id: its file stem (`12` for `CelebA-HQ-img/12.png`).
    public static func identifier(of sample: LabelledImage) -> String {
        sample.image.deletingPathExtension().lastPathComponent
    }
}
