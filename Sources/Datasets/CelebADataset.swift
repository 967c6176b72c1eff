import Foundation
import Imaging

/// CelebA-format data: an attribute table plus the folder its file names refer to. Reads the real
/// CelebA (`list_attr_celeba.txt` + `img_align_celeba/`), CelebA-HQ as CelebAMask-HQ ships it
/// (`CelebAMask-HQ-attribute-anno.txt` + `CelebA-HQ-img/`), CelebA-HQ labelled through the mapping
/// file, and the SynthFaces CelebA-HQ-like set, which uses the CelebAMask-HQ layout.
public struct CelebADataset: Sendable {
    public let root: URL
    public let imageDirectory: URL
    public let table: AttributeTable
    /// Identity of each image by file stem, when the folder has an identity file.
    public let identities: [String: String]

    public init(root: URL, imageDirectory: URL, table: AttributeTable, identities: [String: String] = [:]) {
        self.root = root
        self.imageDirectory = imageDirectory
        self.table = table
        self.identities = identities
    }

    /// Identity files: CelebA's `identity_CelebA.txt` (`000001.jpg 2880`) or SynthFaces'
    /// `identities.txt` (`k.png identity`).
    public static let identityFiles = ["identities.txt", "identity_CelebA.txt", "Anno/identity_CelebA.txt"]

    static func readIdentities(in root: URL) throws -> [String: String] {
        guard let url = identityFiles.map({ root.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else { return [:] }
        var out: [String: String] = [:]
        for (k, line) in try TextFile.lines(url).enumerated() {
            let fields = TextFile.fields(line)
            guard fields.count == 2 else {
                throw DatasetError(file: url.path, line: k + 1, reason: "expected \"<file> <identity>\", found \(fields.count) fields")
            }
            let stem = (String(fields[0]) as NSString).deletingPathExtension
            guard out[stem] == nil else {
                throw DatasetError(file: url.path, line: k + 1, reason: "\"\(fields[0])\" is listed twice (each image has one identity)")
            }
            out[stem] = String(fields[1])
        }
        return out
    }

    public static let hqAnnotationFile = "CelebAMask-HQ-attribute-anno.txt"
    public static let celebAAnnotationFile = "list_attr_celeba.txt"
    public static let hqMappingFile = "CelebA-HQ-to-CelebA-mapping.txt"

    /// Opens a CelebA or CelebA-HQ folder: the annotation file is looked for in `root` (and `root/Anno`),
    /// the images in `CelebA-HQ-img/`, `img_align_celeba/` or `root` itself.
    public static func open(_ root: URL) throws -> CelebADataset {
        let candidates = [hqAnnotationFile, celebAAnnotationFile, "Anno/" + celebAAnnotationFile]
        guard let annotation = candidates.map({ root.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw DatasetError(file: root.path, reason: "no attribute file (\(candidates.joined(separator: ", "))) in this folder")
        }
        let table = try AttributeTable.read(annotation)
        let folders = ["CelebA-HQ-img", "img_align_celeba", "Img/img_align_celeba"].map { root.appendingPathComponent($0) }
        let images = folders.first(where: ImageFolder.isDirectory) ?? root
        return CelebADataset(root: root, imageDirectory: images, table: table, identities: try readIdentities(in: root))
    }

    /// CelebA-HQ labelled from CelebA's `list_attr_celeba.txt` through the mapping file: HQ image k
    /// takes CelebA row `orig_idx[k]` (0-based), and is named `k.jpg` in `imageDirectory`.
    public static func hqThroughMapping(root: URL, imageDirectory: URL, mapping: URL, celebAAttributes: URL) throws -> CelebADataset {
        let map = try CelebAHQMapping.read(mapping)
        let celebA = try AttributeTable.read(celebAAttributes)
        let rows = try map.entries.enumerated().map { (k, entry) -> AttributeTable.Row in
            guard celebA.rows.indices.contains(entry.originalIndex) else {
                throw DatasetError(file: mapping.path, line: k + 2,
                                   reason: "orig_idx \(entry.originalIndex) points past the end of \(celebAAttributes.lastPathComponent), which has \(celebA.rows.count) rows (orig_idx counts from 0)")
            }
            return AttributeTable.Row(file: "\(entry.index).jpg", values: celebA.rows[entry.originalIndex].values, line: k + 2)
        }
        return CelebADataset(root: root, imageDirectory: imageDirectory,
                             table: AttributeTable(names: celebA.names, rows: rows, source: mapping.path))
    }

    /// The image of a row. The annotation's name is tried first, then the same stem with .png, .jpg
    /// and .jpeg, so CelebA-HQ's `k.jpg` rows find SynthFaces' `k.png` images and the reverse.
    public func imageURL(of row: AttributeTable.Row) throws -> URL {
        let named = imageDirectory.appendingPathComponent(row.file)
        if FileManager.default.fileExists(atPath: named.path) { return named }
        let stem = (row.file as NSString).deletingPathExtension
        for ext in ["png", "jpg", "jpeg"] {
            let url = imageDirectory.appendingPathComponent(stem + "." + ext)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw DatasetError(file: table.source, line: row.line,
                           reason: "image \(row.file) not found in \(imageDirectory.path) (also tried .png, .jpg, .jpeg)")
    }

    /// Samples labelled for `domains` (label = (v + 1) / 2), optionally only `rows`.
    public func samples(domains: DomainSelection, rows selected: [AttributeTable.Row]? = nil) throws -> [LabelledImage] {
        let columns = try table.columns(of: domains.attributes)
        return try (selected ?? table.rows).map { row in
            let url = try imageURL(of: row)
            let relative = SplitFile.relativePath(of: url, root: root)
            return LabelledImage(image: url, labels: columns.map { row.values[$0] > 0 ? 1 : 0 },
                                 uvField: UVFieldLocation.existing(forImageAt: relative, root: root),
                                 identity: identities[(row.file as NSString).deletingPathExtension] ?? "")
        }
    }

    /// The rows whose file names are listed in a split file. A name is `<image folder>/k.<ext>` or
    /// `k.<ext>` with ext png, jpg or jpeg, and matches by stem (so `k.jpg` in a list selects `k.png`);
    /// any other folder or extension is an error, never a guess.
    public func rows(listedIn split: URL) throws -> [AttributeTable.Row] {
        var byStem: [String: AttributeTable.Row] = [:]
        for row in table.rows { byStem[(row.file as NSString).deletingPathExtension] = row }
        let imageFolder = SplitFile.relativePath(of: imageDirectory, root: root)
        return try SplitFile.entries(split).map { entry in
            let name = entry.name as NSString
            let folder = name.deletingLastPathComponent, file = name.lastPathComponent as NSString
            guard folder.isEmpty || folder == imageFolder else {
                let expected = imageFolder.isEmpty ? "no folder" : "\"\(imageFolder)/\""
                throw DatasetError(file: split.path, line: entry.line,
                                   reason: "\"\(entry.name)\" is in folder \"\(folder)\"; images of this dataset are listed with \(expected)")
            }
            guard ImageFile.extensions.contains(file.pathExtension.lowercased()) else {
                throw DatasetError(file: split.path, line: entry.line,
                                   reason: "\"\(entry.name)\" is not an image name (expected .png, .jpg or .jpeg)")
            }
            guard let row = byStem[file.deletingPathExtension] else {
                throw DatasetError(file: split.path, line: entry.line, reason: "\"\(entry.name)\" has no row in \(table.source)")
            }
            return row
        }
    }
}

/// StarGAN's CelebA split (`data_loader.CelebA.preprocess`): `random.seed(1234)`,
/// `random.shuffle(lines)`, and line i is a test line when `(i + 1) < 2000`, i.e. the first 1,999.
public enum StarGANSplit {
    public static func celebA(_ rows: [AttributeTable.Row]) -> (train: [AttributeTable.Row], test: [AttributeTable.Row]) {
        var shuffled = rows
        var random = PythonRandom(seed: 1234)
        random.shuffle(&shuffled)
        let cut = Swift.min(1999, shuffled.count)
        return (Array(shuffled[cut...]), Array(shuffled[..<cut]))
    }
}
