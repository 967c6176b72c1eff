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
