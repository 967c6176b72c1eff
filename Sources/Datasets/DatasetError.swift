import Foundation
import Imaging

/// A dataset that cannot be used as it is on disk, naming the file (and line, for annotation
/// files) and saying what was expected, so that the user can fix the file rather than the code.
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Reading text annotation files with errors that name them.
enum TextFile {
    /// The file's lines (1-based line numbers are index + 1); CRLF endings are accepted.
    static func lines(_ url: URL) throws -> [Substring] {
        let data: Data
        do {
            data = try FileBytes.read(url)
        } catch let error as ImagingError {
            throw DatasetError(file: error.file, reason: error.reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError(file: url.path, reason: "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines
    }

    static func fields(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}
