import Datasets
import Foundation
import Testing
import TestSupport

/// Seeded fuzzing of every text and name parser in Datasets: a few thousand mutations of a valid
/// input each; every one must parse or throw a `DatasetError` / `NameError` (a trap fails the whole
/// test run). Bounded: fixed counts, in-memory inputs, well under a second each.
@Suite struct ParserFuzzTests {
    static let count = 3000

    /// Runs `parse` on every mutation of `valid` and returns how many parsed (some must, some must not:
    /// a fuzzer that never reaches the parser's success path or its errors is not testing it).
    func fuzz(_ valid: String, seed: UInt64, _ parse: (String) throws -> Void) -> (parsed: Int, refused: Int) {
        var parsed = 0, refused = 0
        for bytes in Mutations(of: Array(valid.utf8), count: Self.count, seed: seed) {
            do {
                try parse(String(decoding: bytes, as: UTF8.self))
                parsed += 1
            } catch is DatasetError {
                refused += 1
            } catch is NameError {
                refused += 1
            } catch {
                Issue.record("unexpected error type \(type(of: error)): \(error)")
            }
        }
        return (parsed, refused)
    }

    @Test func annotationFile() {
        let names = Array(CelebAAttributes.names.prefix(5))
        let text = AttributeTable.format(names: names, rows: (0..<4).map { (file: "\($0).jpg", values: [1, -1, 1, -1, -1]) })
        let result = fuzz(text, seed: 1) { _ = try AttributeTable.parse(lines: TextFile.lines(of: $0), source: "anno.txt") }
        #expect(result.parsed > 0 && result.refused > 0)
    }

    @Test func splitFile() {
        let text = (0..<6).map { "CelebA-HQ-img/\($0).png\r\n" }.joined()
        let result = fuzz(text, seed: 2) { _ = try SplitFile.entries(lines: TextFile.lines(of: $0), source: "train.txt") }
        #expect(result.parsed > 0 && result.refused > 0)
    }

    @Test func mappingFile() {
        let text = CelebAHQMapping.format((0..<4).map { .init(index: $0, originalIndex: 3 - $0, originalFile: "00000\($0).jpg") })
        let result = fuzz(text, seed: 3) { _ = try CelebAHQMapping.parse(lines: TextFile.lines(of: $0), source: "map.txt") }
        #expect(result.parsed > 0 && result.refused > 0)
    }

    @Test func rafdName() {
        let result = fuzz("train/angry/Rafd090_01_Caucasian_female_angry_frontal.jpg", seed: 4) { _ = try RaFDName.parse($0) }
        #expect(result.parsed > 0 && result.refused > 0)
    }

    @Test func multiPIEName() {
        let result = fuzz("session01/multiview/001/01/05_1/001_01_01_051_06.png", seed: 5) { _ = try MultiPIEName.parse($0) }
        #expect(result.parsed > 0 && result.refused > 0)
    }
}
