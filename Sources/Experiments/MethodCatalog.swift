import CycleGAN
import IcGAN
import StarGAN
import Training

/// The methods `train` knows, by name. Each entry decodes and checks its settings (from a profile)
/// and builds the method; adding a method is one case here and one target under `baselines/`.
public enum MethodName: String, CaseIterable, Codable, Sendable {
    case stargan, cyclegan, icgan

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
        }
    }

    /// The method `train` trains, built from validated settings (also what `tensor-bench` times).
    public func make(settings: JSONValue, context: MethodContext) throws -> TrainingMethod {
        switch self {
        case .stargan: return StarGAN(settings: try decode(StarGANSettings.self, settings), context: context)
        case .cyclegan:
            guard let pairs = CycleGAN.pairs(for: context.domains) else { throw ExperimentError("cyclegan: no domain pairs for these domains") }
            return CycleGAN(settings: try decode(CycleGANSettings.self, settings), context: context, pairs: pairs)
        case .icgan: return IcGAN(settings: try decode(IcGANSettings.self, settings), context: context)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ settings: JSONValue) throws -> T {
        do { return try settings.decoded(as: T.self) } catch {
            throw ExperimentError("settings of \(rawValue): \(DecodingErrorText.describe(error))")
        }
    }

    static func check(_ problems: [String]) throws {
        if !problems.isEmpty { throw ExperimentError(problems.joined(separator: "; ")) }
    }
}
