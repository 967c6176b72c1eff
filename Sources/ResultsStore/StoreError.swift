/// Errors of the results store and its tables, each naming what was wrong and how to fix it.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A value given to the store is invalid (empty name, non-finite metric, bad JSON, …).
    case invalidInput(String)
    /// The run does not exist.
    case unknownRun(Int64)
    /// The run is not in the state the operation needs (e.g. finishing a run that is finished already).
    case wrongRunState(run: Int64, status: String, expected: String)
    /// The database file cannot be used (not SQLite, from a newer harness, unreadable), naming it.
    case unusableDatabase(path: String, reason: String)
    /// An output file or folder cannot be written, in the user's terms.
    case cannotWrite(path: String, reason: String)
    /// A table would mix results that should not be compared (datasets, profiles, protocols).
    case ambiguousTable(String)

    public var description: String {
        switch self {
        case let .invalidInput(message): return "invalid input: \(message)"
        case let .unknownRun(id): return "no run with id \(id) in the results database"
        case let .wrongRunState(run, status, expected): return "run \(run) is \(status); this needs a run that is \(expected)"
        case let .ambiguousTable(message): return message
        case let .unusableDatabase(path, reason): return "results database \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
