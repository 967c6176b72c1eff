import BiLGAN
import Datasets
import Foundation
import Training

/// What a BiL-GAN run needs beyond its profile entry: its auxiliary run (`bilgan-aux`, same dataset,
/// profile and seed, so every variant shares it and finds it by configuration hash) and the resolved
/// configuration: the variant's switches and whether the geometry term applies to this data.
enum BiLGANRunSetup {
    /// Domains whose edits change geometry (expressions, pose): the method file excludes the UV term.
    static func geometryNote(dataset: TrainingDataset, samples: [LabelledImage]) -> (on: Bool, note: String) {
        switch dataset {
        case .rafd: return (false, "off: expressions change geometry (method file, Eq. 9-10)")
        case .multipie: return (false, "off: pose changes geometry (method file, Eq. 9-10)")
        case .celebahq:
            let withUV = samples.filter { $0.uvField != nil }.count
            if withUV == 0 { return (false, "off: the dataset has no UV fields (uv/ folder)") }
            return (true, "on: \(withUV) of \(samples.count) training images have UV fields")
        }
    }

    /// The paired tasks of §4.3: RaFD animates to any expression, Multi-PIE frontalises every pose to
    /// camera 05_1; both pair each input with the same subject's photo in the target domain.
    static func pairedTargets(dataset: TrainingDataset) -> PairedTargetPolicy? {
        switch dataset {
        case .celebahq: return nil
        case .rafd: return PairedTargetPolicy()
        case .multipie: return .frontalisation
        }
    }

    static func auxiliaryRequest(for request: TrainingRequest) -> TrainingRequest {
        var aux = request
        aux.method = .bilganAuxiliary
        aux.variant = "default"
        return aux
    }

    /// The `methodSettings` of a BiL-GAN run: `BiLGANConfiguration` as JSON.
    static func configuration(settings: JSONValue, variant: String, dataset: TrainingDataset, samples: [LabelledImage],
                              auxiliary: TrainingRun) throws -> JSONValue {
        guard let chosen = BiLGANVariant(rawValue: variant) else {
            throw ExperimentError("unknown bilgan variant '\(variant)'; valid: \(MethodName.bilgan.variants.joined(separator: ", "))")
        }
        let decoded = try MethodName.bilgan.decode(BiLGANSettings.self, settings)
        if decoded.phaseOneSize != auxiliary.entry.training.imageSize {
            throw ExperimentError("bilgan.phaseOneSize \(decoded.phaseOneSize) differs from bilgan-aux training.imageSize "
                + "\(auxiliary.entry.training.imageSize) in profile \(auxiliary.config.profile): the auxiliary networks work at r₁")
        }
        let geometry = geometryNote(dataset: dataset, samples: samples)
        let aux = try MethodName.bilganAuxiliary.decode(BiLGANAuxiliarySettings.self, auxiliary.config.methodSettings)
        return try JSONValue(encoding: BiLGANConfiguration(settings: decoded, variant: chosen, geometry: geometry.on,
                                                           geometryNote: geometry.note, auxiliary: aux, auxiliaryRun: auxiliary.name,
                                                           identities: Set(samples.map(\.identity)).count,
                                                           pairedTargets: pairedTargets(dataset: dataset)))
    }

    /// Identity classes 0..<k of the samples, in order of first appearance of each sorted id; an error
    /// when the dataset has none (φ is trained on identities).
    static func identityClasses(_ samples: [LabelledImage], folder: URL) throws -> [Int] {
        let ids = Set(samples.map(\.identity))
        if ids.contains("") {
            throw ExperimentError("\(folder.path): BiL-GAN's face recogniser needs every training image's identity "
                + "(\(CelebADataset.identityFiles.joined(separator: " or ")) in the dataset folder)")
        }
        let index = Dictionary(uniqueKeysWithValues: ids.sorted().enumerated().map { ($1, $0) })
        return samples.map { index[$0.identity]! }
    }
}
