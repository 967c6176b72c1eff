import Datasets
import Foundation
import Testing
import TestSupport

/// Loaders on hand-made miniatures of the real datasets (`Tests/Fixtures/datasets/real`).
@Suite struct RealFormatTests {
    static let root = Fixtures.directory.appendingPathComponent("datasets/real")

    @Test func celebAListAttrWithPaddedValues() throws {
        let data = try CelebADataset.open(Self.root.appendingPathComponent("celeba"))
        #expect(data.table.names == CelebAAttributes.names)
        #expect(data.table.rows.count == 4)
        #expect(data.table.rows[0].file == "000001.jpg" && data.table.rows[0].line == 3)
        let samples = try data.samples(domains: .starGANCelebA)
        #expect(samples.count == 4 && samples.allSatisfy { $0.labels.count == 5 })
        let male = try data.table.columns(of: ["Male"])[0]
        #expect(samples.map { $0.labels[3] } == data.table.rows.map { $0.values[male] > 0 ? 1 : 0 })
    }

    @Test func celebAHQAnnotationAndMapping() throws {
        let hq = Self.root.appendingPathComponent("celeba_hq")
        let direct = try CelebADataset.open(hq)
        #expect(direct.table.rows.map(\.file) == ["0.jpg", "1.jpg", "2.jpg"])
        #expect(try direct.samples(domains: .bilganCelebAHQ).count == 3)
        // Labels through the mapping: HQ image k takes CelebA row orig_idx[k] = [2, 0, 3].
        let mapped = try CelebADataset.hqThroughMapping(
            root: hq, imageDirectory: hq.appendingPathComponent("CelebA-HQ-img"),
            mapping: hq.appendingPathComponent(CelebADataset.hqMappingFile),
            celebAAttributes: Self.root.appendingPathComponent("celeba/list_attr_celeba.txt"))
        let celebA = try AttributeTable.read(Self.root.appendingPathComponent("celeba/list_attr_celeba.txt"))
        #expect(mapped.table.rows.map(\.values) == [2, 0, 3].map { celebA.rows[$0].values })
        #expect(try mapped.imageURL(of: mapped.table.rows[1]).lastPathComponent == "1.jpg")
    }

    @Test func rafdInStarGANFolders() throws {
        let data = try RaFDDataset.open(Self.root.appendingPathComponent("rafd"))
        #expect(data.entries.count == 3)
        let surprised = data.entries.first { $0.name.identity == 73 }!
        #expect(surprised.name == RaFDName(cameraAngle: 45, identity: 73, ethnicity: "Moroccan", gender: "male",
                                           expression: .surprised, gaze: .right))
        let samples = data.samples(cameraAngles: [90])
        #expect(samples.count == 2)
        #expect(samples.allSatisfy { $0.labels.reduce(0, +) == 1 && $0.identity == "1" })
    }

    @Test func multiPIETreeAndSettingTwo() throws {
        // A miniature: most camera folders are left out, which only a partial open accepts.
        #expect(throws: DatasetError.self) { try MultiPIEDataset.open(Self.root.appendingPathComponent("multipie")) }
        let data = try MultiPIEDataset.open(Self.root.appendingPathComponent("multipie"), requireAllCameras: false)
        #expect(data.entries.count == 5)
        #expect(data.incompleteRecordings.map(\.folder) == ["session01/multiview/001/01", "session01/multiview/001/02",
                                                              "session01/multiview/201/01"])
        #expect(data.incompleteRecordings[0].missingCameras.count == 11)
        let (train, test) = data.settingTwo()
        // Neutral recording only: (1, 1) yes, (1, 2) is a smile.
        #expect(train.map(\.name.subject).sorted() == [1, 1])
        #expect(test.map(\.name.subject) == [201, 201])
        #expect(data.galleryEntry(subject: 201)?.name.camera == "05_1")
        let samples = data.samples(test)
        #expect(samples.allSatisfy { $0.labels.count == 13 && $0.identity == "201" })
        let profile = data.entries.first { $0.name.camera == "11_0" }!
        #expect(profile.name.yaw == -90 && profile.name.fileName == "201_01_01_110_00.png")
    }

    @Test func namesRoundTrip() throws {
        let name = "Rafd090_01_Caucasian_female_angry_frontal.jpg"
        #expect(try RaFDName.parse(name).fileName() == name)
        let path = "session01/multiview/001/01/05_1/001_01_01_051_06.png"
        #expect(try MultiPIEName.parse(path).relativePath == path)
        #expect(MultiPIECamera.all.count == 13 && Set(MultiPIECamera.all.map(\.yaw)).count == 13)
        #expect(MultiPIECamera.all.map(\.yaw) == stride(from: 90, through: -90, by: -15).map { $0 })
    }
}
