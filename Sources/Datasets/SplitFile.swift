import Foundation
import Imaging

/// Explicit split files: one file name (relative to the dataset root) per line. Shipping the lists
/// makes every method evaluate on the same images (`baselines.md` §8.7).
///
/// A name listed twice, or in both the train and the test list, is an error naming the file and
/// both lines: either would silently weight an image twice or test on training data.
public enum SplitFile {
    /// One listed name with the line it is on (1-based, counting blank lines).
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let line: Int
    }

    /// The listed names in order; blank lines are skipped, duplicates are an error.
    public static func entries(_ url: URL) throws -> [Entry] {
        try entries(lines: TextFile.lines(url), source: url.path)
    }

    /// `entries(_:)` on lines already read; `source` names the file in errors.
    public static func entries(lines: [Substring], source: String) throws -> [Entry] {
        var entries: [Entry] = []
        var lineOfKey: [String: Int] = [:]
        for (offset, line) in lines.enumerated() {
            let name = line.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let number = offset + 1
            if let first = lineOfKey[identityKey(name)] {
                throw DatasetError(file: source, line: number, reason: "\"\(name)\" names the same image as line \(first) (listed twice)")
            }
            lineOfKey[identityKey(name)] = number
            entries.append(Entry(name: name, line: number))
        }
        return entries
    }

    public static func read(_ url: URL) throws -> [String] {
        try entries(url).map(\.name)
    }

    /// A train and a test list that must not share an image; the error names both files and lines.
    public static func disjointPair(train: URL, test: URL) throws -> (train: [Entry], test: [Entry]) {
        let a = try entries(train), b = try entries(test)
        let lineInTrain = Dictionary(a.map { (identityKey($0.name), $0.line) }, uniquingKeysWith: { first, _ in first })
        for entry in b {
            if let line = lineInTrain[identityKey(entry.name)] {
                throw DatasetError(file: test.path, line: entry.line,
                                   reason: "\"\(entry.name)\" is also in the training list \(train.path):\(line) (train and test must not overlap)")
            }
        }
        return (a, b)
    }

    /// Names that select the same image: the loaders find `k.jpg` and `k.png` alike, so the key is
    /// the path without its extension.
    static func identityKey(_ name: String) -> String {
        (name as NSString).deletingPathExtension
    }

    public static func write(_ names: [String], to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (names.map { $0 + "\n" }.joined()).write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw DatasetError(file: url.path, reason: "cannot write split file (\(FileErrorText.describe(error)))")
        }
    }

    /// Keeps the samples whose path relative to `root` is listed in `split` (in the list's order);
    /// a listed name without a sample is an error naming the split file and line.
    public static func select(_ samples: [LabelledImage], root: URL, listedIn url: URL) throws -> [LabelledImage] {
        var byName: [String: LabelledImage] = [:]
        for sample in samples { byName[relativePath(of: sample.image, root: root)] = sample }
        return try entries(url).map { entry in
            guard let sample = byName[entry.name] else {
                throw DatasetError(file: url.path, line: entry.line, reason: "\"\(entry.name)\" is not an image of the dataset at \(root.path)")
            }
            return sample
        }
    }

    /// `url`'s path below `root` ("" for `root` itself); the last component when it is not below.
    static func relativePath(of url: URL, root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path == base { return "" }
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
    }
}
