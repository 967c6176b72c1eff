import Foundation
import Imaging

/// The one reader of text files (annotations, split lists, mappings, identities): every text file
/// we read goes through it, so every one accepts the same files. Windows (CRLF), old Mac (CR) and
/// Unix (LF) line endings and a leading UTF-8 byte-order mark are accepted; errors name the file.
///
/// Why not `split(separator: "\n")`: Swift treats "\r\n" as one `Character`, so a CRLF file
/// splitting on "\n" is one line (a split file then selects one image instead of thousands).
public enum TextFile {
    /// The file's lines without their endings (line k is index k − 1); trailing blank lines dropped.
    public static func lines(_ url: URL) throws -> [Substring] {
        let data: Data
        do {
            data = try FileBytes.read(url)
        } catch let error as ImagingError {
            throw DatasetError(file: error.file, reason: error.reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError(file: url.path, reason: "not UTF-8 text")
        }
        return lines(of: text)
    }

    /// The lines of `text` as `lines(_:)` splits a file.
    public static func lines(of text: String) -> [Substring] {
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines
    }

    /// At most `limit` characters of `text` for an error message (a file with no line breaks must
    /// not be pasted whole into the terminal).
    public static func excerpt<S: StringProtocol>(_ text: S, limit: Int = 80) -> String {
        text.count <= limit ? String(text) : String(text.prefix(limit)) + "… (\(text.count) characters)"
    }

    /// Whitespace-separated fields (runs of spaces and tabs; CelebA pads single values).
    public static func fields(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}
