import Datasets

/// What a `GenerationConfiguration` may hold: flags and hand-edited `synthfaces.json` files are
/// checked against the same limits before anything is rendered (a zero `imagesPerIdentity`
/// divides by zero; a fourth subject digit breaks the Multi-PIE names).
public enum GenerationLimits {
    public static let size = 16...1024
    public static let celebAHQCount = 1...1_000_000
    /// RaFD model numbers are written with at least two digits; Multi-PIE subjects with exactly three.
    public static let rafdIdentities = 1...999
    public static let multiPIESubjects = 1...999
    public static let imagesPerIdentity = 1...1000
}

extension GenerationConfiguration {
    /// The first way this configuration breaks the limits, in words naming the field; nil when usable.
    public var limitViolation: String? {
        func outside(_ name: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
            range.contains(value) ? nil : "\(name) is \(value), not between \(range.lowerBound) and \(range.upperBound)"
        }
        let checks: [String?] = [
            outside("celebAHQ.count", celebAHQ.count, GenerationLimits.celebAHQCount),
            outside("celebAHQ.size", celebAHQ.size, GenerationLimits.size),
            outside("celebAHQ.imagesPerIdentity", celebAHQ.imagesPerIdentity, GenerationLimits.imagesPerIdentity),
            outside("celebAHQ.testCount", celebAHQ.testCount, 0...celebAHQ.count),
            outside("rafd.identities", rafd.identities, GenerationLimits.rafdIdentities),
            outside("rafd.size", rafd.size, GenerationLimits.size),
            outside("rafd.testIdentities", rafd.testIdentities, 0...Swift.max(0, rafd.identities - 1)),
            rafd.cameraAngles.allSatisfy(RaFDName.cameraAngles.contains) && Set(rafd.cameraAngles).count == rafd.cameraAngles.count
                ? nil : "rafd.cameraAngles \(rafd.cameraAngles) must be distinct RaFD angles (0, 45, 90, 135, 180)",
            outside("multiPIE.subjects", multiPIE.subjects, GenerationLimits.multiPIESubjects),
            outside("multiPIE.size", multiPIE.size, GenerationLimits.size),
            multiPIE.illuminations.allSatisfy(MultiPIECamera.illuminations.contains) && Set(multiPIE.illuminations).count == multiPIE.illuminations.count
                ? nil : "multiPIE.illuminations \(multiPIE.illuminations) must be distinct values 0–19",
            multiPIE.sessions.allSatisfy((1...4).contains) && Set(multiPIE.sessions).count == multiPIE.sessions.count
                ? nil : "multiPIE.sessions \(multiPIE.sessions) must be distinct values 1–4",
        ]
        return checks.compactMap { $0 }.first
    }
}
