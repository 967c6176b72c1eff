/// Errors of the user study, each naming the file, item, flag or value at fault.
public enum StudyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A translation manifest is unreadable or inconsistent: the file, the item index (if any), what is wrong.
    case invalidManifest(file: String, item: Int?, message: String)
    /// Manifests that should describe the same inputs and edits do not.
    case mismatchedManifests(String)
    /// An image of the study could not be read or compared.
    case image(path: String, message: String)
    /// A study-level problem (unknown study, bad budget, missing ground truth).
    case invalidStudy(String)

    public var description: String {
        switch self {
        case let .invalidManifest(file, item, message):
            return "\(file)" + (item.map { ": item \($0)" } ?? "") + ": \(message)"
        case let .mismatchedManifests(message): return message
        case let .image(path, message): return "\(path): \(message)"
        case let .invalidStudy(message): return message
        }
    }
}
