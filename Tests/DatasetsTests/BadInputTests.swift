import Datasets
import Foundation
import Imaging
import Testing

/// Every kind of bad input is a thrown error that names the file (and line), never a crash.
@Suite struct BadInputTests {
    static let header = "3\n" + CelebAAttributes.names.joined(separator: " ") + "\n"
    static func row(_ name: String, _ count: Int = 40) -> String {
        name + "  " + [String](repeating: "-1", count: count).joined(separator: " ") + "\n"
    }

    func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-bad-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func annotation(_ text: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("CelebAMask-HQ-attribute-anno.txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func shortLineNamesFileAndLine() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = try annotation(Self.header + Self.row("0.jpg") + Self.row("1.jpg", 39) + Self.row("2.jpg"), in: dir)
        #expect(throws: DatasetError(file: url.path, line: 4, reason: "expected a file name and 40 values (1 or -1), found 39 values")) {
            try AttributeTable.read(url)
        }
    }

    @Test func missingLineIsACountMismatch() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = try annotation(Self.header + Self.row("0.jpg") + Self.row("1.jpg"), in: dir)
        let error = #expect(throws: DatasetError.self) { try AttributeTable.read(url) }
        #expect(error?.line == 1 && error?.reason.contains("3 images but 2 rows") == true)
    }

    @Test func badValueAndEmptyFile() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = try annotation(Self.header + Self.row("0.jpg") + Self.row("1.jpg").replacingOccurrences(of: "  -1", with: "  0") + Self.row("2.jpg"), in: dir)
        #expect(throws: DatasetError(file: url.path, line: 4, reason: "value \"0\" for 5_o_Clock_Shadow is not 1 or -1")) {
            try AttributeTable.read(url)
        }
        let empty = try annotation("", in: dir)
        #expect(throws: DatasetError.self) { try AttributeTable.read(empty) }
    }

    @Test func unknownAttributeName() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = try annotation(Self.header + Self.row("0.jpg") + Self.row("1.jpg") + Self.row("2.jpg"), in: dir)
        let table = try AttributeTable.read(url)
        let error = #expect(throws: DatasetError.self) { try table.columns(of: ["Black_Hair", "Purple_Hair"]) }
        #expect(error?.file == url.path && error?.line == 2 && error?.reason.hasPrefix("attribute \"Purple_Hair\" is not in the header") == true)
    }

    @Test func missingImageNamesTheAnnotationLine() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = try annotation(Self.header + Self.row("0.jpg") + Self.row("1.jpg") + Self.row("2.jpg"), in: dir)
        let data = try CelebADataset.open(dir)
        #expect(throws: DatasetError(file: url.path, line: 3, reason: "image 0.jpg not found in \(dir.path) (also tried .png, .jpg, .jpeg)")) {
            try data.samples(domains: .bilganCelebAHQ)
        }
    }

    @Test func emptyFoldersAndBadNames() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DatasetError(file: dir.path, reason: "no images (.png, .jpg) found in the RaFD folder")) { try RaFDDataset.open(dir) }
        #expect(throws: DatasetError.self) { try MultiPIEDataset.open(dir) }
        #expect(throws: DatasetError.self) { try CelebADataset.open(dir) }
        let bad = dir.appendingPathComponent("Rafd090_01_Caucasian_female_bored_frontal.png")
        try PNG.write(Image(width: 2, height: 2, channels: 3), to: bad)
        let error = #expect(throws: DatasetError.self) { try RaFDDataset.open(dir) }
        #expect(error?.file == bad.path && error?.reason.contains("expression \"bored\"") == true)
    }

    @Test func corruptImageSurfacesFromTheBatchLoader() throws {
        let dir = folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.png"), bad = dir.appendingPathComponent("bad.png")
        try PNG.write(Image(width: 4, height: 4, channels: 3), to: good)
        try Data(PNG.encode(Image(width: 8, height: 8, channels: 3)).prefix(40)).write(to: bad)
        let loader = try BatchLoader(samples: [LabelledImage(image: good, labels: [1]), LabelledImage(image: bad, labels: [0])],
                                     configuration: BatchConfiguration(batchSize: 1, imageSize: 4, flip: false, shuffle: false))
        let stream = loader.epoch(0)
        #expect(try stream.next() != nil)
        let error = #expect(throws: ImagingError.self) { try stream.next() }
        #expect(error?.file == bad.path)
        #expect(try stream.next() == nil)
    }
}
