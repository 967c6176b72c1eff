import Datasets
import Foundation
import Imaging
import SynthFaces
import Testing
import TensorCore

/// A tiny SynthFaces generation, shared by the tests below (written once per test run).
enum TinySynthFaces {
    static let configuration = GenerationConfiguration(
        seed: 77,
        celebAHQ: .init(count: 8, size: 32, imagesPerIdentity: 2, testCount: 2),
        rafd: .init(identities: 2, size: 32, cameraAngles: [90], testIdentities: 1),
        multiPIE: .init(subjects: 2, size: 24, illuminations: [6], sessions: [1]),
        writeUVFields: true)

    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synthfaces-tiny-\(UUID().uuidString)")
        try! SynthFacesGenerator(configuration: configuration, root: url).generate(threads: 2, showProgress: false)
        return url
    }()
}

@Suite struct SynthFacesSetTests {
    @Test func celebAHQLikeSetReadsWithTheCelebALoaders() throws {
        let base = TinySynthFaces.root.appendingPathComponent("celebahq")
        let data = try CelebADataset.open(base)
        #expect(data.table.names == CelebAAttributes.names)
        #expect(data.table.rows.map(\.file) == (0..<8).map { "\($0).png" })
        // The annotation is the rendered truth.
        let sampler = SceneSampler(configuration: TinySynthFaces.configuration)
        for (k, row) in data.table.rows.enumerated() { #expect(row.values == sampler.celebAHQScene(k).attributes.celebALabels) }
        // Unrendered attributes are −1 everywhere.
        let unrendered = try data.table.columns(of: FaceAttributes.unrenderedCelebAAttributes)
        #expect(data.table.rows.allSatisfy { row in unrendered.allSatisfy { row.values[$0] == -1 } })
        let samples = try data.samples(domains: .bilganCelebAHQ)
        #expect(samples.allSatisfy { $0.uvField != nil })
        #expect(samples.map(\.identity) == (0..<8).map { String($0 / 2) })
        // The same labels through the mapping file and list_attr_celeba.txt.
        let mapped = try CelebADataset.hqThroughMapping(root: base, imageDirectory: data.imageDirectory,
                                                        mapping: base.appendingPathComponent(CelebADataset.hqMappingFile),
                                                        celebAAttributes: base.appendingPathComponent(CelebADataset.celebAAnnotationFile))
        #expect(try mapped.samples(domains: .bilganCelebAHQ).map(\.labels) == samples.map(\.labels))
        // Split files: whole identities at the end are the test part.
        #expect(try data.rows(listedIn: base.appendingPathComponent("test.txt")).map(\.file) == ["6.png", "7.png"])
        #expect(try SplitFile.select(samples, root: base, listedIn: base.appendingPathComponent("train.txt")).count == 6)
    }

    @Test func rafdAndMultiPIELikeSets() throws {
        let rafd = try RaFDDataset.open(TinySynthFaces.root.appendingPathComponent("rafd"))
        #expect(rafd.entries.count == 2 * 8 * 3)
        #expect(Set(rafd.entries.map(\.name.expression)) == Set(RaFDExpression.allCases))
        let samples = rafd.samples()
        #expect(samples.allSatisfy { $0.uvField != nil && $0.labels.count == 8 })
        let pie = try MultiPIEDataset.open(TinySynthFaces.root.appendingPathComponent("multipie"))
        #expect(pie.entries.count == 2 * 13)
        #expect(pie.settingTwo().train.count == 26)
        #expect(pie.galleryEntry(subject: 2)?.name.fileName == "002_01_01_051_06.png")
    }

    @Test func batchesAreDeterministicNormalisedAndPrefetchDoesNotChangeThem() throws {
        let data = try CelebADataset.open(TinySynthFaces.root.appendingPathComponent("celebahq"))
        let samples = try data.samples(domains: .bilganCelebAHQ)
        let configuration = BatchConfiguration(batchSize: 3, imageSize: 16, resizeFilter: .area, loadUVFields: true, prefetch: 2, seed: 5)
        var eager = configuration
        eager.prefetch = 0
        let a = try BatchLoader(samples: samples, configuration: configuration)
        let b = try BatchLoader(samples: samples, configuration: eager)
        #expect(a.batchesPerEpoch == 2)
        let streamA = a.epoch(1), streamB = b.epoch(1)
        while let x = try streamA.next() {
            let y = try streamB.next()!
            #expect(x.images.shape == [3, 3, 16, 16] && x.labels.shape == [3, 5])
            #expect(x.images.scalars == y.images.scalars && x.labels.scalars == y.labels.scalars)
            #expect(x.uv!.shape == [3, 2, 16, 16] && x.uvMask!.scalars.contains(1))
            #expect(x.images.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
            for (k, index) in x.sampleIndices.enumerated() {
                #expect(Array(x.labels.scalars[(k * 5)..<(k * 5 + 5)]) == samples[index].labels)
            }
        }
        #expect(try streamB.next() == nil)
        // Another epoch, another order; the same epoch, the same order.
        #expect(a.plan(epoch: 1).map(\.indices) == b.plan(epoch: 1).map(\.indices))
        #expect(a.plan(epoch: 1).map(\.indices) != a.plan(epoch: 2).map(\.indices))
    }

    @Test func flipMirrorsImageAndUVField() throws {
        let data = try CelebADataset.open(TinySynthFaces.root.appendingPathComponent("celebahq"))
        let sample = try data.samples(domains: .bilganCelebAHQ)[0]
        var configuration = BatchConfiguration(batchSize: 1, imageSize: 32, flip: false, shuffle: false, loadUVFields: true)
        let plain = try BatchLoader(samples: [sample], configuration: configuration).batch(epoch: 0, index: 0)
        configuration.flip = true
        let loader = try BatchLoader(samples: [sample], configuration: configuration)
        let epoch = (0..<20).first { loader.plan(epoch: $0)[0].flips[0] }!
        let flipped = try loader.batch(epoch: epoch, index: 0)
        let x = plain.images.scalars, y = flipped.images.scalars
        for row in 0..<32 { for col in 0..<32 { #expect(x[row * 32 + col] == y[row * 32 + 31 - col]) } }
        let u = plain.uv!.scalars, v = flipped.uv!.scalars, m = plain.uvMask!.scalars
        for row in 0..<32 {
            for col in 0..<32 where m[row * 32 + col] > 0 { #expect(Swift.abs(u[row * 32 + col] - (1 - v[row * 32 + 31 - col])) < 1e-6) }
        }
    }
}
