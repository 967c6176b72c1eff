import ArgumentParser
import CommandLineSupport
import Foundation
import SynthFaces

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render the three SynthFaces sets (resumable: finished files are kept).",
        discussion: "Defaults are sized for a 2-core machine (docs/synthfaces.md). --scale multiplies every count; "
            + "--real-sizes starts from the real datasets' sizes instead.")

    /// Documented ranges of the numeric flags (checked in `validate()`, quoted in the help).
    enum Limits {
        static let scale = 0.001...20.0
        static let threads = 1...256
        static let celebAHQCount = GenerationLimits.celebAHQCount
        static let rafdIdentities = GenerationLimits.rafdIdentities
        static let multiPIESubjects = GenerationLimits.multiPIESubjects
        static let size = GenerationLimits.size
    }

    @Option(help: "Folder that receives celebahq/, rafd/ and multipie/.")
    var output = "datasets/generated"
    @Option(help: "Master seed; every image follows from (seed, index).")
    var seed: UInt64?
    @Option(help: "Multiply every count (images, identities, subjects) by this factor (\(FlagValidation.describe(Limits.scale))).")
    var scale = 1.0
    @Flag(help: "Start from the real datasets' sizes (30,000 CelebA-HQ images at 1024², 67 RaFD models, 337 Multi-PIE subjects × 4 sessions × 20 illuminations).")
    var realSizes = false
    @Option(help: "CelebA-HQ-like image count (\(FlagValidation.describe(Limits.celebAHQCount))).")
    var celebahqCount: Int?
    @Option(help: "CelebA-HQ-like resolution (pixels, square, \(FlagValidation.describe(Limits.size))).")
    var celebahqSize: Int?
    @Option(help: "RaFD-like identity count (each: 8 expressions × 3 gazes × the camera angles; \(FlagValidation.describe(Limits.rafdIdentities))).")
    var rafdIdentities: Int?
    @Option(help: "RaFD-like resolution (\(FlagValidation.describe(Limits.size))).")
    var rafdSize: Int?
    @Option(help: "Multi-PIE-like subject count (001–200 train, the rest test; \(FlagValidation.describe(Limits.multiPIESubjects))).")
    var multipieSubjects: Int?
    @Option(help: "Multi-PIE-like resolution (\(FlagValidation.describe(Limits.size))).")
    var multipieSize: Int?
    @Option(help: "Multi-PIE illuminations to render, comma separated (0–19).")
    var multipieIlluminations: String?
    @Option(help: "Which sets to write, comma separated (celebahq, rafd, multipie).")
    var sets = "celebahq,rafd,multipie"
    @Option(help: "Worker threads (default: all cores; \(FlagValidation.describe(Limits.threads))).")
    var threads = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Do not write UV fields.")
    var noUv = false
    @Flag(help: "Regenerate missing or corrupt files even when the completion mark says the run finished.")
    var force = false
    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        try FlagValidation.require(scale, in: Limits.scale, flag: "--scale")
        try FlagValidation.require(threads, in: Limits.threads, flag: "--threads")
        try FlagValidation.require(celebahqCount, in: Limits.celebAHQCount, flag: "--celebahq-count")
        try FlagValidation.require(rafdIdentities, in: Limits.rafdIdentities, flag: "--rafd-identities")
        try FlagValidation.require(multipieSubjects, in: Limits.multiPIESubjects, flag: "--multipie-subjects")
        try FlagValidation.require(celebahqSize, in: Limits.size, flag: "--celebahq-size")
        try FlagValidation.require(rafdSize, in: Limits.size, flag: "--rafd-size")
        try FlagValidation.require(multipieSize, in: Limits.size, flag: "--multipie-size")
        _ = try setNames()
        _ = try configuration()
    }

    func setNames() throws -> [SynthFacesGenerator.SetName] {
        try sets.split(separator: ",").map {
            guard let name = SynthFacesGenerator.SetName(rawValue: String($0)) else {
                throw ValidationError("unknown set \"\($0)\" in --sets (expected celebahq, rafd, multipie)")
            }
            return name
        }
    }

    func illuminations() throws -> [Int]? {
        try multipieIlluminations.map { text in
            let list = try FlagValidation.integers(text, in: 0...19, flag: "--multipie-illuminations")
            // A repeated illumination would list the same file twice in the split files.
            guard Set(list).count == list.count else { throw ValidationError("--multipie-illuminations lists an illumination twice: \(text)") }
            return list
        }
    }

    /// The configuration the flags ask for; scaled counts are checked against the same limits as
    /// the count flags (a large --scale must not overflow the Multi-PIE name's three digits).
    func configuration() throws -> GenerationConfiguration {
        var c = (realSizes ? GenerationConfiguration.realSizes : .embeddedDefault).scaled(scale)
        if let seed { c.seed = seed }
        if let celebahqCount { c.celebAHQ.count = celebahqCount; c.celebAHQ.testCount = Swift.min(c.celebAHQ.testCount, celebahqCount / 2) }
        if let celebahqSize { c.celebAHQ.size = celebahqSize }
        if let rafdIdentities {
            c.rafd.identities = rafdIdentities
            c.rafd.testIdentities = Swift.min(Swift.max(1, rafdIdentities / 6), rafdIdentities - 1)
        }
        if let rafdSize { c.rafd.size = rafdSize }
        if let multipieSubjects { c.multiPIE.subjects = multipieSubjects }
        if let multipieSize { c.multiPIE.size = multipieSize }
        if let list = try illuminations() { c.multiPIE.illuminations = list }
        for (what, count, limit, flag) in [("CelebA-HQ images", c.celebAHQ.count, Limits.celebAHQCount, "--celebahq-count"),
                                           ("RaFD identities", c.rafd.identities, Limits.rafdIdentities, "--rafd-identities"),
                                           ("Multi-PIE subjects", c.multiPIE.subjects, Limits.multiPIESubjects, "--multipie-subjects")]
            where !limit.contains(count) {
            throw ValidationError("--scale \(scale) gives \(count) \(what), beyond \(FlagValidation.describe(limit)); lower --scale or set \(flag)")
        }
        c.writeUVFields = !noUv
        if let problem = c.limitViolation { throw ValidationError("these flags give an unusable configuration: \(problem)") }
        return c
    }

    func run() throws {
        let c = try configuration()
        let generator = SynthFacesGenerator(configuration: c, root: URL(fileURLWithPath: output))
        if generator.isComplete && !force {
            print("synthfaces: \(output) is complete for this configuration (seed \(c.seed)); nothing to do")
            return
        }
        let start = Date()
        try generator.generate(sets: try setNames(), threads: threads, showProgress: !quiet)
        print("synthfaces: wrote \(output) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s "
              + "(celebahq \(c.celebAHQ.count) × \(c.celebAHQ.size)², rafd \(c.rafd.identities) identities × \(c.rafd.size)², "
              + "multipie \(c.multiPIE.subjects) subjects × \(c.multiPIE.size)²)")
    }
}
