import Datasets
import Foundation
import Imaging
import Testing
import TestSupport

/// Input that is wrong in ways a loader could miss (issue 8): each is accepted correctly (line
/// endings, byte-order marks) or refused with the file and line, never silently mis-read.
@Suite struct HostileInputTests {
    static let celebAHQ = Fixtures.directory.appendingPathComponent("datasets/real/celeba_hq")

    /// A scratch copy of a fixture folder (tests edit files in it).
    func copy(_ fixture: URL) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: url)
        return url
    }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: Line endings and byte-order marks

    @Test(arguments: ["\r\n", "\r", "\n"])
    func splitFilesWithAnyLineEndingSelectEveryLine(ending: String) throws {
        let dir = try copy(Self.celebAHQ); defer { try? FileManager.default.removeItem(at: dir) }
        let split = dir.appendingPathComponent("test.txt")
        try write("\u{FEFF}" + ["CelebA-HQ-img/0.jpg", "CelebA-HQ-img/1.jpg", "", "2.jpg"].map { $0 + ending }.joined(), to: split)
        let data = try CelebADataset.open(dir)
        #expect(try data.rows(listedIn: split).map(\.file) == ["0.jpg", "1.jpg", "2.jpg"])
        #expect(try SplitFile.entries(split).map(\.line) == [1, 2, 4])
    }

    @Test func crlfAndBOMAnnotationAndMappingReadAsTheirLFOriginals() throws {
        let dir = try copy(Self.celebAHQ); defer { try? FileManager.default.removeItem(at: dir) }
        for name in [CelebADataset.hqAnnotationFile, CelebADataset.hqMappingFile] {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            try write("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), to: url)
        }
        let original = try AttributeTable.read(Self.celebAHQ.appendingPathComponent(CelebADataset.hqAnnotationFile))
        let windows = try AttributeTable.read(dir.appendingPathComponent(CelebADataset.hqAnnotationFile))
        #expect(windows.rows.map(\.values) == original.rows.map(\.values) && windows.names == original.names)
        #expect(try CelebAHQMapping.read(dir.appendingPathComponent(CelebADataset.hqMappingFile))
            == CelebAHQMapping.read(Self.celebAHQ.appendingPathComponent(CelebADataset.hqMappingFile)))
    }

    // MARK: Duplicates and overlaps

    @Test func duplicateAnnotationRowIsAnErrorNamingBothLines() throws {
        let names = CelebAAttributes.names
        let rows = ["0.jpg", "1.jpg", "0.png"].map { (file: $0, values: [Int8](repeating: -1, count: names.count)) }
        let error = #expect(throws: DatasetError.self) {
            try AttributeTable.parse(lines: TextFile.lines(of: AttributeTable.format(names: names, rows: rows)), source: "anno.txt")
        }
        #expect(error?.file == "anno.txt" && error?.line == 5 && error?.reason.contains("same image as line 3") == true)
    }

    @Test func duplicateSplitEntriesAndTrainTestOverlapAreErrors() throws {
        let dir = try copy(Self.celebAHQ); defer { try? FileManager.default.removeItem(at: dir) }
        let train = dir.appendingPathComponent("train.txt"), test = dir.appendingPathComponent("test.txt")
        try write("CelebA-HQ-img/0.jpg\nCelebA-HQ-img/1.jpg\nCelebA-HQ-img/0.jpg\n", to: train)
        #expect(throws: DatasetError(file: train.path, line: 3, reason: "\"CelebA-HQ-img/0.jpg\" names the same image as line 1 (listed twice)")) {
            try SplitFile.entries(train)
        }
        try write("CelebA-HQ-img/0.jpg\nCelebA-HQ-img/1.jpg\n", to: train)
        try write("CelebA-HQ-img/2.jpg\nCelebA-HQ-img/1.png\n", to: test)
        let error = #expect(throws: DatasetError.self) { try SplitFile.disjointPair(train: train, test: test) }
        #expect(error?.file == test.path && error?.line == 2 && error?.reason.contains("\(train.path):2") == true)
        try write("CelebA-HQ-img/2.jpg\n", to: test)
        #expect(try SplitFile.disjointPair(train: train, test: test).test.map(\.name) == ["CelebA-HQ-img/2.jpg"])
    }

    @Test func splitNameInAnotherFolderOrWithAnotherExtensionIsRefused() throws {
        let dir = try copy(Self.celebAHQ); defer { try? FileManager.default.removeItem(at: dir) }
        let data = try CelebADataset.open(dir)
        let split = dir.appendingPathComponent("test.txt")
        try write("CelebA-HQ-img/0.png\njunk/dir/1.jpg\n", to: split)
        let folder = #expect(throws: DatasetError.self) { try data.rows(listedIn: split) }
        #expect(folder?.line == 2 && folder?.reason.contains("folder \"junk/dir\"") == true)
        try write("CelebA-HQ-img/3.xyz\n", to: split)
        let ext = #expect(throws: DatasetError.self) { try data.rows(listedIn: split) }
        #expect(ext?.line == 1 && ext?.reason.contains("not an image name") == true)
    }

    @Test func mappingWithDuplicateOrNegativeIndices() throws {
        func parse(_ body: String) throws -> CelebAHQMapping {
            try CelebAHQMapping.parse(lines: TextFile.lines(of: "idx orig_idx orig_file\n" + body), source: "map.txt")
        }
        #expect(throws: DatasetError(file: "map.txt", line: 3, reason: "idx 0 is listed twice (first on line 2); each HQ image has one source row")) {
            try parse("0 2 a.jpg\n0 3 b.jpg\n")
        }
        #expect(throws: DatasetError(file: "map.txt", line: 2, reason: "orig_idx -1 is negative (both count rows from 0)")) {
            try parse("0 -1 a.jpg\n")
        }
    }

    // MARK: RaFD and Multi-PIE names

    @Test func rafdNamesWithSignsOrBadFieldsAreRefused() throws {
        for bad in ["Rafd090_-5_Caucasian_female_angry_frontal.jpg", "Rafd090_+5_Caucasian_female_angry_frontal.jpg",
                    "Rafd090_00_Caucasian_female_angry_frontal.jpg", "Rafd+90_01_Caucasian_female_angry_frontal.jpg",
                    "Rafd090_01_Caucasian_robot_angry_frontal.jpg", "Rafd090_01__female_angry_frontal.jpg"] {
            #expect(throws: NameError.self, "\(bad)") { try RaFDName.parse(bad) }
        }
        #expect(try RaFDName.parse("Rafd090_05_Caucasian_female_angry_frontal.jpg").identity == 5)
    }

    @Test func rafdCopyInASubfolderOrAsAnotherFormatIsRefused() throws {
        let dir = try copy(Fixtures.directory.appendingPathComponent("datasets/real/rafd")); defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("train/angry/Rafd090_01_Caucasian_female_angry_frontal.jpg")
        for copy in ["test/angry/Rafd090_01_Caucasian_female_angry_frontal.jpg", "train/angry/Rafd090_01_Caucasian_female_angry_frontal.png"] {
            let url = dir.appendingPathComponent(copy)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: original, to: url)
            let error = #expect(throws: DatasetError.self) { try RaFDDataset.open(dir) }
            #expect(error?.reason.contains("the same RaFD photograph as") == true)
            try FileManager.default.removeItem(at: url)
        }
        #expect(try RaFDDataset.open(dir).entries.count == 3)
    }

    @Test func multiPIENamesOutsideTheDatasetsRangesAreRefused() throws {
        for bad in ["001_01_01_051_25.png", "001_05_01_051_06.png", "001_01_04_051_06.png", "000_01_01_051_06.png",
                    "001_01_01_999_06.png", "+01_01_01_051_06.png", "001_01_01_051_6.png", "001_01_01_051__6.png"] {
            #expect(throws: NameError.self, "\(bad)") { try MultiPIEName.parse(bad) }
        }
        #expect(try MultiPIEName.parse("001_01_01_081_19.png").camera == "08_1")
    }

    @Test func multiPIERecordingWithoutACameraFolderIsAnError() throws {
        let dir = try copy(TinySynthFaces.root.appendingPathComponent("multipie")); defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try MultiPIEDataset.open(dir).incompleteRecordings.isEmpty)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("session01/multiview/002/01/08_0"))
        let error = #expect(throws: DatasetError.self) { try MultiPIEDataset.open(dir) }
        #expect(error?.file.hasSuffix("session01/multiview/002/01") == true && error?.reason.contains("08_0") == true)
        let partial = try MultiPIEDataset.open(dir, requireAllCameras: false)
        #expect(partial.incompleteRecordings == [.init(folder: "session01/multiview/002/01", missingCameras: ["08_0"])])
    }

    // MARK: Special files

    @Test func aFIFOIsNamedAsSuch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("train.txt")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: DatasetError(file: fifo.path, reason: "is a FIFO (named pipe) or other special file, not a regular file")) {
            try SplitFile.entries(fifo)
        }
        #expect(throws: DatasetError(file: dir.path, reason: "is a directory, not a regular file")) { try SplitFile.entries(dir) }
    }
}

extension HostileInputTests {
    /// A mapping file whose header is one enormous line is quoted, not pasted whole.
    @Test func longLinesAreQuotedShortInErrors() {
        let header = String(repeating: "x", count: 10_000)
        let error = #expect(throws: DatasetError.self) {
            try CelebAHQMapping.parse(lines: TextFile.lines(of: header + "\n0 1 a.jpg\n"), source: "map.txt")
        }
        #expect((error?.reason.count ?? .max) < 200 && error?.reason.contains("(10000 characters)") == true)
    }
}
