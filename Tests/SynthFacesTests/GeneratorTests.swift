import Datasets
import Foundation
import Imaging
import SynthFaces
import Testing

/// Generation is a function of the seed: thread count and interruption change nothing.
@Suite struct GeneratorTests {
    static let configuration = GenerationConfiguration(
        seed: 5,
        celebAHQ: .init(count: 6, size: 24, imagesPerIdentity: 3, testCount: 3),
        rafd: .init(identities: 2, size: 24, cameraAngles: [45], testIdentities: 1),
        multiPIE: .init(subjects: 1, size: 24, illuminations: [6, 0], sessions: [1]),
        writeUVFields: true)

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("synthfaces-generator-\(UUID().uuidString)")
    }

    static func contents(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)!
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { out[path] = try Data(contentsOf: root.appendingPathComponent(path)) }
        }
        return out
    }

    @Test func sameFilesWhateverTheThreadCountAndAfterResuming() throws {
        let one = Self.folder(), two = Self.folder()
        defer { try? FileManager.default.removeItem(at: one); try? FileManager.default.removeItem(at: two) }
        try SynthFacesGenerator(configuration: Self.configuration, root: one).generate(threads: 1, showProgress: false)
        // Interrupted run: delete some outputs, then resume.
        let generator = SynthFacesGenerator(configuration: Self.configuration, root: two)
        try generator.generate(threads: 2, showProgress: false)
        #expect(generator.isComplete)
        let kept = two.appendingPathComponent("celebahq/CelebA-HQ-img/0.png")
        let keptDate = try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as! Date
        try FileManager.default.removeItem(at: two.appendingPathComponent("celebahq/CelebA-HQ-img/4.png"))
        try FileManager.default.removeItem(at: two.appendingPathComponent("rafd/uv/Rafd045_02_\(try Self.rafdSuffix(two))"))
        try generator.generate(threads: 2, showProgress: false)
        let a = try Self.contents(one), b = try Self.contents(two)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        #expect(try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as! Date == keptDate)
        // 6 + 2·24 + 13·2 images, each with a UV field.
        #expect(a.keys.filter { $0.hasSuffix(".png") && !$0.contains("uv/") }.count == 6 + 48 + 26)
        #expect(a.keys.filter { $0.contains("uv/") }.count == 6 + 48 + 26)
    }

    static func rafdSuffix(_ root: URL) throws -> String {
        let name = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("rafd").path)
            .first { $0.hasPrefix("Rafd045_02_") }!
        return String(name.dropFirst("Rafd045_02_".count))
    }

    @Test func scaledConfigurations() {
        let half = GenerationConfiguration.embeddedDefault.scaled(0.5)
        #expect(half.celebAHQ.count == 1500 && half.rafd.identities == 12)
        let real = GenerationConfiguration.realSizes
        #expect(real.celebAHQ.count == 30000 && real.celebAHQ.size == 1024 && real.multiPIE.illuminations.count == 20)
        #expect(GenerationConfiguration.embeddedDefault.scaled(2).multiPIE.subjects == 480)
    }
}

/// Resuming verifies what it keeps (issue 8): a zero-byte, truncated or wrongly sized file is
/// rendered again, to the same bytes as the first run.
@Suite struct GeneratorResumeTests {
    @Test func truncatedAndCorruptFilesAreRenderedAgain() throws {
        let root = GeneratorTests.folder(); defer { try? FileManager.default.removeItem(at: root) }
        let generator = SynthFacesGenerator(configuration: GeneratorTests.configuration, root: root)
        try generator.generate(threads: 2, showProgress: false)
        let original = try GeneratorTests.contents(root)
        try Data().write(to: root.appendingPathComponent("celebahq/CelebA-HQ-img/2.png"))
        try Data(original["celebahq/uv/CelebA-HQ-img/5.png"]!.prefix(60)).write(to: root.appendingPathComponent("celebahq/uv/CelebA-HQ-img/5.png"))
        try PNG.write(Image(width: 4, height: 4, channels: 3), to: root.appendingPathComponent("celebahq/CelebA-HQ-img/1.png"))
        try generator.generate(threads: 2, showProgress: false)
        #expect(try GeneratorTests.contents(root) == original)
    }
}

/// Configurations from flags or a hand-edited `synthfaces.json` are checked before rendering.
@Suite struct GenerationLimitTests {
    @Test func unusableConfigurationsAreNamedNotRendered() throws {
        #expect(GenerationConfiguration.embeddedDefault.limitViolation == nil)
        #expect(GenerationConfiguration.realSizes.limitViolation == nil)
        var zero = GeneratorTests.configuration
        zero.celebAHQ.imagesPerIdentity = 0   // would divide by zero in the scene sampler
        #expect(zero.limitViolation == "celebAHQ.imagesPerIdentity is 0, not between 1 and 1000")
        let root = GeneratorTests.folder(); defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: DatasetError.self) {
            try SynthFacesGenerator(configuration: zero, root: root).generate(threads: 1, showProgress: false)
        }
        #expect(error?.reason.contains("imagesPerIdentity is 0") == true)
        #expect(!FileManager.default.fileExists(atPath: root.path))
        var edited = GeneratorTests.configuration
        edited.multiPIE.illuminations = [6, 25]
        #expect(edited.limitViolation?.contains("multiPIE.illuminations") == true)
        edited = GeneratorTests.configuration
        edited.multiPIE.subjects = 1000
        #expect(edited.limitViolation == "multiPIE.subjects is 1000, not between 1 and 999")
    }
}
