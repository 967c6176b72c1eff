/// What `synthfaces generate` writes. Plain data: it is saved beside the sets (`synthfaces.json`)
/// so that any image's scene, and so its ground-truth translations, can be recomputed.
public struct GenerationConfiguration: Codable, Sendable, Equatable {
    public struct CelebAHQ: Codable, Sendable, Equatable {
        public var count: Int
        public var size: Int
        /// Images per identity (CelebA-HQ has about 4.8).
        public var imagesPerIdentity: Int
        /// Test images, whole identities at the end of the set (the paper holds out 300).
        public var testCount: Int

        public init(count: Int, size: Int, imagesPerIdentity: Int, testCount: Int) {
            self.count = count
            self.size = size
            self.imagesPerIdentity = imagesPerIdentity
            self.testCount = testCount
        }
    }

    public struct RaFD: Codable, Sendable, Equatable {
        public var identities: Int
        public var size: Int
        /// RaFD camera angles to render (000, 045, 090, 135, 180).
        public var cameraAngles: [Int]
        /// Identities held out for testing (the last ones).
        public var testIdentities: Int

        public init(identities: Int, size: Int, cameraAngles: [Int], testIdentities: Int) {
            self.identities = identities
            self.size = size
            self.cameraAngles = cameraAngles
            self.testIdentities = testIdentities
        }
    }

    public struct MultiPIE: Codable, Sendable, Equatable {
        public var subjects: Int
        public var size: Int
        /// Illuminations 0–19 to render per camera (Multi-PIE has all 20).
        public var illuminations: [Int]
        /// Sessions 1–4; recording 01 (neutral) of each is rendered.
        public var sessions: [Int]

        public init(subjects: Int, size: Int, illuminations: [Int], sessions: [Int]) {
            self.subjects = subjects
            self.size = size
            self.illuminations = illuminations
            self.sessions = sessions
        }
    }

    public var seed: UInt64
    public var celebAHQ: CelebAHQ
    public var rafd: RaFD
    public var multiPIE: MultiPIE
    /// Also write the UV fields (16-bit PNG under `uv/`).
    public var writeUVFields: Bool

    public init(seed: UInt64, celebAHQ: CelebAHQ, rafd: RaFD, multiPIE: MultiPIE, writeUVFields: Bool) {
        self.seed = seed
        self.celebAHQ = celebAHQ
        self.rafd = rafd
        self.multiPIE = multiPIE
        self.writeUVFields = writeUVFields
    }

    /// Sized for a 2-core machine: a few minutes in all (see docs/synthfaces.md).
    public static let embeddedDefault = GenerationConfiguration(
        seed: 2019,
        celebAHQ: CelebAHQ(count: 3000, size: 256, imagesPerIdentity: 4, testCount: 300),
        rafd: RaFD(identities: 24, size: 128, cameraAngles: [0, 45, 90, 135, 180], testIdentities: 4),
        multiPIE: MultiPIE(subjects: 240, size: 128, illuminations: [3, 6, 11], sessions: [1]),
        writeUVFields: true)

    /// The real datasets' sizes: 30,000 CelebA-HQ images at 1024², 67 RaFD models, 337 Multi-PIE
    /// subjects × 4 sessions × 20 illuminations.
    public static let realSizes = GenerationConfiguration(
        seed: 2019,
        celebAHQ: CelebAHQ(count: 30000, size: 1024, imagesPerIdentity: 5, testCount: 300),
        rafd: RaFD(identities: 67, size: 256, cameraAngles: [0, 45, 90, 135, 180], testIdentities: 7),
        multiPIE: MultiPIE(subjects: 337, size: 128, illuminations: Array(0..<20), sessions: [1, 2, 3, 4]),
        writeUVFields: true)

    /// Counts multiplied by `factor` (resolutions unchanged); Multi-PIE keeps at least 201 subjects
    /// so that Setting 2 has a test part.
    public func scaled(_ factor: Double) -> GenerationConfiguration {
        var c = self
        func times(_ n: Int, minimum: Int) -> Int { Swift.max(minimum, Int((Double(n) * factor).rounded())) }
        c.celebAHQ.count = times(celebAHQ.count, minimum: c.celebAHQ.imagesPerIdentity * 2)
        c.celebAHQ.testCount = Swift.min(times(celebAHQ.testCount, minimum: c.celebAHQ.imagesPerIdentity), c.celebAHQ.count / 2)
        c.rafd.identities = times(rafd.identities, minimum: 2)
        c.rafd.testIdentities = Swift.min(times(rafd.testIdentities, minimum: 1), c.rafd.identities - 1)
        c.multiPIE.subjects = times(multiPIE.subjects, minimum: factor >= 1 ? 201 : 2)
        return c
    }
}
