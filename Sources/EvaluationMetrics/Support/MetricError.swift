/// Errors for bad input to the metrics. Each message names what was wrong and what was expected,
/// so that a caller can act on it without reading the code.
public enum MetricError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The image is smaller than the window allows at the coarsest scale.
    case imageTooSmall(height: Int, width: Int, minimumSide: Int, scales: Int, windowSize: Int)
    /// Two inputs that must agree in shape do not.
    case shapeMismatch(String)
    /// An argument is outside its valid range.
    case invalidArgument(String)
    /// An input or a result holds NaN or ±∞.
    case nonFinite(String)
    /// A LAPACK routine reported failure (`info` as LAPACK defines it).
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .imageTooSmall(height, width, minimumSide, scales, windowSize):
            return "image of \(height)×\(width) px is too small: \(scales) scale(s) with a \(windowSize)-tap window "
                + "need both sides ≥ \(minimumSide) px"
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case let .invalidArgument(message): return "invalid argument: \(message)"
        case let .nonFinite(message): return "non-finite value: \(message)"
        case let .lapackFailure(routine, info): return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
