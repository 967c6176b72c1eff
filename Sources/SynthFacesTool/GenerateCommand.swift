import ArgumentParser
import Foundation
import SynthFaces

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render the three SynthFaces sets (resumable: finished files are kept).",
        discussion: "Defaults are sized for a 2-core machine (docs/synthfaces.md). --scale multiplies every count; "
            + "--real-sizes starts from the real datasets' sizes instead.")

    @Option(help: "Folder that receives celebahq/, rafd/ and multipie/.")
    var output = "datasets/generated"
    @Option(help: "Master seed; every image follows from (seed, index).")
    var seed: UInt64?
    @Option(help: "Multiply every count (images, identities, subjects) by this factor.")
    var scale = 1.0
    @Flag(help: "Start from the real datasets' sizes (30,000 CelebA-HQ images at 1024², 67 RaFD models, 337 Multi-PIE subjects × 4 sessions × 20 illuminations).")
    var realSizes = false
    @Option(help: "CelebA-HQ-like image count.")
    var celebahqCount: Int?
    @Option(help: "CelebA-HQ-like resolution (pixels, square, up to 1024).")
    var celebahqSize: Int?
    @Option(help: "RaFD-like identity count (each: 8 expressions × 3 gazes × the camera angles).")
    var rafdIdentities: Int?
    @Option(help: "RaFD-like resolution.")
    var rafdSize: Int?
    @Option(help: "Multi-PIE-like subject count (001–200 train, the rest test).")
    var multipieSubjects: Int?
    @Option(help: "Multi-PIE-like resolution.")
    var multipieSize: Int?
    @Option(help: "Multi-PIE illuminations to render, comma separated (0–19).")
    var multipieIlluminations: String?
    @Option(help: "Which sets to write, comma separated (celebahq, rafd, multipie).")
    var sets = "celebahq,rafd,multipie"
    @Option(help: "Worker threads (default: all cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Do not write UV fields.")
    var noUv = false
    @Flag(help: "Regenerate missing files even when the completion mark says the run finished.")
    var force = false
    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard scale > 0 else { throw ValidationError("--scale must be positive, got \(scale)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        for (flag, count) in [("--celebahq-count", celebahqCount), ("--rafd-identities", rafdIdentities),
                              ("--multipie-subjects", multipieSubjects)] {
            if let count, count < 1 { throw ValidationError("\(flag) must be at least 1, got \(count)") }
        }
        for size in [celebahqSize, rafdSize, multipieSize].compactMap({ $0 }) where !(16...1024).contains(size) {
            throw ValidationError("resolutions must be between 16 and 1024 pixels, got \(size)")
        }
        _ = try setNames()
        _ = try illuminations()
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
        try multipieIlluminations.map { list in
            try list.split(separator: ",").map {
                guard let i = Int($0), (0..<20).contains(i) else { throw ValidationError("illuminations are 0–19, got \"\($0)\"") }
                return i
            }
        }
    }

    func run() throws {
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
        c.writeUVFields = !noUv
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
