/// Whether operations record themselves for differentiation. Task-local, so that evaluation code
/// running `withoutGradients` never affects a training loop on another thread or task.
public enum GradMode {
    @TaskLocal public static var isEnabled: Bool = true
}

/// Runs `body` without recording any operation (evaluation, optimiser updates, metrics).
@inlinable
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(false, operation: body)
}

/// Runs `body` with recording switched on or off explicitly.
@inlinable
public func withGradients<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(enabled, operation: body)
}
