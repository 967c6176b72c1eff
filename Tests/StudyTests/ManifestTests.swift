import Foundation
import ResultsStore
import Study
import Testing

/// The translation manifest `evaluate` writes and the study reads: round trip and clear errors.
@Suite struct ManifestTests {
    static func sample() throws -> TranslationManifest {
        TranslationManifest(method: MethodKey.stargan, runId: 3, dataset: "synthfaces-celebahq", items: [
            TranslationItem(inputID: "2999", inputImage: "in/2999.png", edit: try AttributeEdit(labels: ["Blond_Hair": true, "Young": false]),
                            outputImage: "0.png", groundTruthImage: "truth/0.png"),
        ])
    }

    @Test func roundTripsAndResolvesRelativePaths() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("manifest.json")
        let manifest = try Self.sample()
        try manifest.write(to: url)
        #expect(try TranslationManifest.load(from: url) == manifest)
        #expect(manifest.items[0].edit.description == "blond hair, older")
        #expect(manifest.items[0].edit.attributeGroups == [AttributeGroup.aging, AttributeGroup.hairColor])
        #expect(TranslationManifest.resolve("0.png", relativeTo: url) == dir.url.appendingPathComponent("0.png"))
        #expect(TranslationManifest.resolve("/abs/0.png", relativeTo: url).path == "/abs/0.png")
    }

    /// Each broken manifest is refused with a message naming the file, the item and the fault.
    @Test(arguments: [
        ("{not json", "not a translation manifest"),
        (#"{"formatVersion": 1, "method": "stargan", "dataset": "d"}"#, "missing items"),
        (#"{"formatVersion": 2, "method": "stargan", "dataset": "d", "items": []}"#, "formatVersion 2 is not supported"),
        (#"{"formatVersion": 1, "method": "stargan", "dataset": "d", "items": []}"#, "lists no items"),
        (#"{"formatVersion": 1, "method": "stargan", "dataset": "d", "items": [{"inputID": "1", "inputImage": "a.png", "outputImage": "b.png", "edit": {"targetLabels": {"Young": false}, "description": "older", "attributeGroups": ["age"]}}]}"#,
         "item 0: unknown attribute group \"age\""),
        (#"{"formatVersion": 1, "method": "stargan", "dataset": "d", "items": [{"inputID": "1", "inputImage": "a.png", "outputImage": "b.png", "edit": {"targetLabels": {"Young": false}, "description": "older", "attributeGroups": ["aging"]}}, {"inputID": "1", "inputImage": "a.png", "outputImage": "c.png", "edit": {"targetLabels": {"Young": false}, "description": "older", "attributeGroups": ["aging"]}}]}"#,
         "item 1: input 1 with edit Young=0 appears twice (also item 0)"),
        (#"{"formatVersion": 1, "method": "stargan", "dataset": "d", "items": [{"inputID": "1", "inputImage": "a.png", "outputImage": 5, "edit": {"targetLabels": {"Young": false}, "description": "older", "attributeGroups": ["aging"]}}]}"#,
         "items[0].outputImage"),
    ])
    func badManifestsNameTheFault(text: String, expected: String) throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("manifest.json")
        try Data(text.utf8).write(to: url)
        do {
            _ = try TranslationManifest.load(from: url)
            Issue.record("accepted a bad manifest: \(text)")
        } catch let error as StudyError {
            #expect(error.description.hasPrefix(url.path), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func editsOutsideTheStudyAreRefused() {
        #expect(throws: StudyError.self) { try AttributeEdit(labels: ["Eyeglasses": true]) }
        #expect(throws: StudyError.self) { try AttributeEdit(labels: ["Blond_Hair": false]) }
    }
}
