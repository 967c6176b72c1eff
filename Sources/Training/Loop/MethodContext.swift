import Datasets
import Foundation

/// What a method needs to know about its run to build itself: the domains (label columns), the
/// image size, and the seed its weights are drawn from (stream `initialisationStream`).
public struct MethodContext: Sendable {
    public let domains: DomainSelection
    public let imageSize: Int
    public let seed: UInt64
    /// Identity class (0..<identityCount) of each training sample, in the loader's sample order, for
    /// methods that train a face recogniser (`bilgan-aux`); empty when the dataset has no identities.
    public var sampleIdentities: [Int] = []
    /// The finished auxiliary run's newest checkpoint a method starts some networks from (BiL-GAN's
    /// D_uv, D_a and φ from `bilgan-aux`); nil for methods that need none.
    public var auxiliaryCheckpoint: URL?

    /// The generator stream every method draws its initial weights from.
    public static let initialisationStream: UInt64 = 1

    public init(domains: DomainSelection, imageSize: Int, seed: UInt64) {
        self.domains = domains; self.imageSize = imageSize; self.seed = seed
    }

    public var labelCount: Int { domains.attributes.count }
    public var identityCount: Int { (sampleIdentities.max() ?? -1) + 1 }
}
