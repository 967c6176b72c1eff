import Foundation

/// What `evaluate` saves beside a method's translated test images (`<run>/translations/manifest.json`)
/// and what the user study reads: per item the test input, the edit, the output, and (for the embedded
/// SynthFaces benchmark) the renderer's exact translation. Image paths are relative to the manifest's
/// folder (absolute paths are accepted). Format documented in `docs/study.md`.
public struct TranslationManifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// `MethodKey` of the method that made the outputs ("bilgan", "stargan", …).
    public var method: String
    public var variant: String?
    /// The results-store run that produced the outputs, if any.
    public var runId: Int64?
    /// Dataset name ("synthfaces-celebahq", "celeba-hq").
    public var dataset: String
    public var items: [TranslationItem]

    public init(method: String, variant: String? = nil, runId: Int64? = nil, dataset: String, items: [TranslationItem]) {
        self.formatVersion = Self.currentFormatVersion
        self.method = method
        self.variant = variant
        self.runId = runId
        self.dataset = dataset
        self.items = items
    }

    /// Reads and validates a manifest; every error names the file and, where it applies, the item.
    public static func load(from url: URL) throws -> TranslationManifest {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StudyError.invalidManifest(file: file, item: nil, message: "cannot read it (\(error.localizedDescription))")
        }
        let manifest: TranslationManifest
        do { manifest = try JSONDecoder().decode(TranslationManifest.self, from: data) } catch let error as DecodingError {
            throw StudyError.invalidManifest(file: file, item: nil, message: "not a translation manifest: \(Self.describe(error))")
        }
        try manifest.validate(file: file)
        return manifest
    }

    /// Writes the manifest as sorted, pretty-printed JSON.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    public func validate(file: String) throws {
        guard formatVersion == Self.currentFormatVersion else {
            throw StudyError.invalidManifest(file: file, item: nil,
                                             message: "formatVersion \(formatVersion) is not supported (expected \(Self.currentFormatVersion))")
        }
        guard !method.isEmpty else { throw StudyError.invalidManifest(file: file, item: nil, message: "method is empty") }
        guard !items.isEmpty else { throw StudyError.invalidManifest(file: file, item: nil, message: "lists no items") }
        var seen = [String: Int]()
        for (index, item) in items.enumerated() {
            func fail(_ message: String) -> StudyError { .invalidManifest(file: file, item: index, message: message) }
            guard !item.inputID.isEmpty else { throw fail("inputID is empty") }
            for (name, path) in [("inputImage", item.inputImage), ("outputImage", item.outputImage)] where path.isEmpty {
                throw fail("\(name) is empty")
            }
            let groups = item.edit.attributeGroups
            guard (1...2).contains(groups.count), Set(groups).count == groups.count else {
                throw fail("an edit changes one or two distinct attribute groups, got \(groups)")
            }
            if let unknown = groups.first(where: { !AttributeEdit.knownGroups.contains($0) }) {
                throw fail("unknown attribute group \"\(unknown)\" (expected \(AttributeEdit.knownGroups.sorted().joined(separator: ", ")))")
            }
            guard !item.edit.targetLabels.isEmpty else { throw fail("the edit has no target labels") }
            if let first = seen[item.key] {
                throw fail("input \(item.inputID) with edit \(item.edit.key) appears twice (also item \(first))")
            }
            seen[item.key] = index
        }
    }

    /// An image path of this manifest resolved against the manifest's folder.
    public static func resolve(_ path: String, relativeTo manifestURL: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : manifestURL.deletingLastPathComponent().appendingPathComponent(path)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context): return "missing \(Self.path(context.codingPath + [key]))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

/// One translated test image.
public struct TranslationItem: Codable, Sendable, Equatable {
    /// The test input's id in its dataset (file name stem or index).
    public var inputID: String
    public var inputImage: String
    public var edit: AttributeEdit
    public var outputImage: String
    /// The renderer's exact translation (SynthFaces only).
    public var groundTruthImage: String?

    public init(inputID: String, inputImage: String, edit: AttributeEdit, outputImage: String, groundTruthImage: String? = nil) {
        self.inputID = inputID
        self.inputImage = inputImage
        self.edit = edit
        self.outputImage = outputImage
        self.groundTruthImage = groundTruthImage
    }

    /// Identifies the same input and edit across methods.
    public var key: String { inputID + "|" + edit.key }
}
