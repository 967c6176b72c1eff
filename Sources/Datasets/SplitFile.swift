import Foundation

/// Explicit split files: one file name (relative to the dataset root) per line. Shipping the lists
/// makes every method evaluate on the same images (`baselines.md` §8.7).
public enum SplitFile {
    public static func read(_ url: URL) throws -> [String] {
        try TextFile.lines(url).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func write(_ names: [String], to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (names.map { $0 + "\n" }.joined()).write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw DatasetError(file: url.path, reason: "cannot write split file (\(error.localizedDescription))")
        }
    }

    /// Keeps the samples whose path relative to `root` is listed in `split` (in the list's order);
    /// a listed name without a sample is an error naming the split file and line.
    public static func select(_ samples: [LabelledImage], root: URL, listedIn url: URL) throws -> [LabelledImage] {
        let names = try read(url)
        var byName: [String: LabelledImage] = [:]
        for sample in samples { byName[relativePath(of: sample.image, root: root)] = sample }
        return try names.enumerated().map { (k, name) in
            guard let sample = byName[name] else {
                throw DatasetError(file: url.path, line: k + 1, reason: "\"\(name)\" is not an image of the dataset at \(root.path)")
            }
            return sample
        }
    }

    static func relativePath(of url: URL, root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
    }
}
