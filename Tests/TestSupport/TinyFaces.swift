import Foundation
import SynthFaces

/// A tiny SynthFaces CelebA-HQ-like set at 32² (24 images, 2 per identity, the last 4 held out); every
/// set is written (tiny RaFD and Multi-PIE too), so the completion mark the ground truth needs exists.
public enum TinyFaces {
    public static func generate(seed: UInt64, into url: URL) throws {
        let configuration = GenerationConfiguration(
            seed: seed, celebAHQ: .init(count: 24, size: 32, imagesPerIdentity: 2, testCount: 4),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]), writeUVFields: false)
        try SynthFacesGenerator(configuration: configuration, root: url).generate(threads: 2, showProgress: false)
    }
}
