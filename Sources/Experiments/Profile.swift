import Foundation
import Training

/// A profile file (`profiles/smoke.json`, `default.json`, `paper.json`, or a user's own): for each
/// method, the loop settings and the method's settings, every field stated. Profiles are data, not
/// code branches (`style.md`).
public struct Profile: Sendable {
    public struct MethodEntry: Codable, Sendable, Equatable {
        public var training: TrainingSettings
        public var settings: JSONValue
    }

    struct File: Codable {
        var name: String
        var description: String?
        var methods: [String: MethodEntry]
        var sweep: SweepResources?
    }

    public let name: String
    public let url: URL
    public let methods: [String: MethodEntry]
    /// Resources of one `sweep` array task (`SweepResources.standard` when the file has no "sweep").
    public let sweep: SweepResources

    /// `nameOrPath` is a profile name under `directory` (`smoke` → `directory/smoke.json`) or a path to
    /// a JSON file. Errors name the file and the field at fault.
    public static func load(_ nameOrPath: String, directory: URL) throws -> Profile {
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".json")
        let url = looksLikePath ? URL(fileURLWithPath: nameOrPath)
            : directory.appendingPathComponent(nameOrPath + ".json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let available = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
            throw ExperimentError("profile '\(nameOrPath)' not found at \(url.path); profiles in \(directory.path): "
                + (available.isEmpty ? "none" : available.joined(separator: ", ")) + " (or give a path to a .json file)")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ExperimentError("\(url.path): \(DecodingErrorText.describe(error))")
        }
        let sweep = file.sweep ?? .standard
        let problems = sweep.problems()
        guard problems.isEmpty else { throw ExperimentError("\(url.path): " + problems.joined(separator: "; ")) }
        return Profile(name: looksLikePath ? file.name : nameOrPath, url: url, methods: file.methods, sweep: sweep)
    }

    public func entry(for method: String) throws -> MethodEntry {
        guard let entry = methods[method] else {
            throw ExperimentError("\(url.path): no settings for method '\(method)' (it has: \(methods.keys.sorted().joined(separator: ", ")))")
        }
        return entry
    }
}

/// A user-facing error of the experiment layer; the message says what to fix.
public struct ExperimentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `DecodingError` as one line naming the key path ("methods.stargan.training.iterations: …").
enum DecodingErrorText {
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context)?:
            return "\(path(context.codingPath).isEmpty ? "not valid JSON" : path(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
