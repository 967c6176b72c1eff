/// Errors a user can act on: each names the file or input at fault and what to do.
public enum EvaluatorError: Error, CustomStringConvertible, Equatable {
    case missingWeights(path: String, howToMake: String)
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .missingWeights(path, howToMake):
            return "\(path): evaluator weights not found; create them with: \(howToMake)"
        case let .invalidInput(message):
            return message
        }
    }
}
