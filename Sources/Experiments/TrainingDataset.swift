import Datasets
import Foundation
import ResultsStore

/// The datasets a method trains on, by their folder under the data root (`datasets/generated`
/// for SynthFaces, or the real datasets in the same layouts): the domains, the training split, and a
/// fingerprint of what was read, so a run's identity changes when its data does.
public enum TrainingDataset: String, CaseIterable, Codable, Sendable {
    /// CelebA-HQ with the paper's seven domains (`DomainSelection.bilganCelebAHQ`), `train.txt`.
    case celebahq
    /// RaFD's eight expressions, one-hot, `train.txt`.
    case rafd
    /// Multi-PIE Setting 2 training subjects (001–200), 13 poses one-hot.
    case multipie

    public var domains: DomainSelection {
        switch self {
        case .celebahq: return .bilganCelebAHQ
        case .rafd: return .rafdExpressions
        case .multipie: return .multiPIEPoses
        }
    }

    public func folder(in root: URL) -> URL { root.appendingPathComponent(rawValue) }

    /// The training samples; errors name the folder or file at fault.
    public func trainingSamples(root: URL) throws -> [LabelledImage] {
        let folder = self.folder(in: root)
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw ExperimentError("dataset folder \(folder.path) does not exist; generate SynthFaces with `make dataset` "
                + "or point --data-root at a folder holding \(TrainingDataset.allCases.map(\.rawValue).joined(separator: "/, "))/")
        }
        let all: [LabelledImage]
        switch self {
        case .celebahq: all = try CelebADataset.open(folder).samples(domains: domains)
        case .rafd: all = try RaFDDataset.open(folder).samples()
        case .multipie:
            let data = try MultiPIEDataset.open(folder)
            return data.samples(data.settingTwo().train)
        }
        let split = folder.appendingPathComponent("train.txt")
        return FileManager.default.fileExists(atPath: split.path)
            ? try SplitFile.select(all, root: folder, listedIn: split) : all
    }

    /// SHA-256 over the training samples' relative paths and labels and the generator's completion
    /// mark (`synthfaces.json`, which holds its seed and sizes) when there is one. Cheap (no image is
    /// read) and it changes whenever the set is regenerated differently or the split changes.
    public func fingerprint(samples: [LabelledImage], root: URL) -> (hash: String, rendererVersion: Int?) {
        let base = folder(in: root).standardizedFileURL.path + "/"
        var text = samples.map { sample in
            let path = sample.image.standardizedFileURL.path
            return (path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path) + " "
                + sample.labels.map { String(Int($0)) }.joined(separator: ",")
        }.joined(separator: "\n")
        var rendererVersion: Int?
        if let mark = FileManager.default.contents(atPath: root.appendingPathComponent("synthfaces.json").path) {
            text += "\n" + String(decoding: mark, as: UTF8.self)
            rendererVersion = (try? JSONSerialization.jsonObject(with: mark) as? [String: Any])?["rendererVersion"] as? Int
        }
        return (SHA256.hexDigest(Array(text.utf8)), rendererVersion)
    }
}
