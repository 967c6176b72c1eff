import BiLGAN
import CycleGAN
import IcGAN
import StarGAN
import Training

/// The methods `train` knows, by name. Each entry decodes and checks its settings (from a profile)
/// and builds the method; adding a method is one case here and one target under `baselines/`.
public enum MethodName: String, CaseIterable, Codable, Sendable {
    case stargan, cyclegan, icgan, bilgan
    /// BiL-GAN's auxiliary networks (D_uv, D_a, φ), trained once per dataset and seed before any
    /// BiL-GAN run needs them (`BiLGANRunSetup`); trainable on its own too.
    case bilganAuxiliary = "bilgan-aux"

    /// Methods that read the dataset's UV fields (the loader then loads them with each batch).
    var usesUVFields: Bool { self == .bilgan || self == .bilganAuxiliary }

    /// Methods that need every training sample's identity (the face recogniser φ).
    var usesIdentities: Bool { self == .bilgan || self == .bilganAuxiliary }

    /// The variants a method has; the first is its default.
    public var variants: [String] {
        self == .bilgan ? BiLGANVariant.allCases.map(\.rawValue) : ["default"]
    }

    /// The settings as the method's struct (every field required), re-encoded, with problems named.
    public func validatedSettings(_ settings: JSONValue, training: TrainingSettings, dataset: TrainingDataset) throws -> JSONValue {
        let imageSize = training.imageSize
        switch self {
        case .stargan:
            let decoded = try decode(StarGANSettings.self, settings)
            try Self.check(decoded.problems(imageSize: imageSize))
            return try JSONValue(encoding: decoded)
        case .cyclegan:
            let decoded = try decode(CycleGANSettings.self, settings)
            try Self.check(decoded.problems(imageSize: imageSize))
            guard CycleGAN.pairs(for: dataset.domains) != nil else {
                throw ExperimentError("cyclegan: pairwise models are defined for celebahq only (docs/training.md), not \(dataset.rawValue)")
            }
            return try JSONValue(encoding: decoded)
        case .icgan:
            let decoded = try decode(IcGANSettings.self, settings)
            try Self.check(decoded.problems(imageSize: imageSize, iterations: training.iterations))
            return try JSONValue(encoding: decoded)
        case .bilgan:
            let decoded = try decode(BiLGANSettings.self, settings)
            try Self.check(decoded.problems(imageSize: imageSize, iterations: training.iterations))
            return try JSONValue(encoding: decoded)
        case .bilganAuxiliary:
            let decoded = try decode(BiLGANAuxiliarySettings.self, settings)
            try Self.check(decoded.problems(imageSize: imageSize))
            return try JSONValue(encoding: decoded)
        }
    }

    /// The method `train` trains, built from validated settings (also what `tensor-bench` times).
    public func make(settings: JSONValue, context: MethodContext, training: TrainingSettings) throws -> TrainingMethod {
        switch self {
        case .stargan: return StarGAN(settings: try decode(StarGANSettings.self, settings), context: context)
        case .cyclegan:
            guard let pairs = CycleGAN.pairs(for: context.domains) else { throw ExperimentError("cyclegan: no domain pairs for these domains") }
            return CycleGAN(settings: try decode(CycleGANSettings.self, settings), context: context, pairs: pairs)
        case .icgan: return IcGAN(settings: try decode(IcGANSettings.self, settings), context: context)
        case .bilgan:
            return try BiLGAN(configuration: try decode(BiLGANConfiguration.self, settings), context: context,
                              iterations: training.iterations)
        case .bilganAuxiliary: return BiLGANAuxiliary(settings: try decode(BiLGANAuxiliarySettings.self, settings), context: context)
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ settings: JSONValue) throws -> T {
        do { return try settings.decoded(as: T.self) } catch {
            throw ExperimentError("settings of \(rawValue): \(DecodingErrorText.describe(error))")
        }
    }

    static func check(_ problems: [String]) throws {
        if !problems.isEmpty { throw ExperimentError(problems.joined(separator: "; ")) }
    }
}
