import Datasets

/// What a method needs to know about its run to build itself: the domains (label columns), the
/// image size, and the seed its weights are drawn from (stream `initialisationStream`).
public struct MethodContext: Sendable {
    public let domains: DomainSelection
    public let imageSize: Int
    public let seed: UInt64

    /// The generator stream every method draws its initial weights from.
    public static let initialisationStream: UInt64 = 1

    public init(domains: DomainSelection, imageSize: Int, seed: UInt64) {
        self.domains = domains; self.imageSize = imageSize; self.seed = seed
    }

    public var labelCount: Int { domains.attributes.count }
}
