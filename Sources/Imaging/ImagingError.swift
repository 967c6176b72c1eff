import Foundation

/// A file that could not be read or written, with the file named so the user can find it.
public struct ImagingError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// Reading and writing whole files with errors that name them.
public enum FileBytes {
    /// The file's bytes, or an `ImagingError` that names the file (missing, unreadable, empty).
    public static func read(_ url: URL) throws -> Data {
        // A FIFO would block the read (or fail with a permission message); say what the path is instead.
        if let kind = nonRegularKind(url) {
            throw ImagingError(file: url.path, reason: "is \(kind), not a regular file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw ImagingError(file: url.path, reason: missing ? "file not found" : "cannot read file (\(FileErrorText.describe(error)))")
        }
        if data.isEmpty { throw ImagingError(file: url.path, reason: "file is empty") }
        return data
    }

    /// What `url` is when it exists and is not a regular file (after following links), else nil.
    static func nonRegularKind(_ url: URL) -> String? {
        let path = url.resolvingSymlinksInPath().path
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else { return nil }
        switch type {
        case .typeRegular: return nil
        case .typeDirectory: return "a directory"
        case .typeCharacterSpecial, .typeBlockSpecial: return "a device"
        case .typeSocket: return "a socket"
        case .typeSymbolicLink: return "a broken or looping symbolic link"
        default: return "a FIFO (named pipe) or other special file"
        }
    }

    /// Writes atomically (temporary file then rename), so an interrupted run never leaves a
    /// half-written image that a resumed run would take as complete.
    public static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ImagingError(file: url.path, reason: "cannot write file (\(FileErrorText.describe(error)))")
        }
    }
}

extension String {
    /// The text of a NUL-terminated C message buffer.
    init(codecMessage buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
