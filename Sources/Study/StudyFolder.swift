import Foundation
import ResultsStore

/// A study on disk and in the store. The folder holds `images/` (the only folder the rating page
/// serves: every file named `<blindID>-input|left|right.<ext>`) and `ground-truth/` (the renderer's
/// translations, read by simulated raters, never served). The store holds the plan with its seed and
/// the manifests' SHA-256, and per pair the methods behind the sides (`studyItem`) and the page (`studyPage`).
public enum StudyFolder {
    public static let imagesFolder = "images"
    public static let groundTruthFolder = "ground-truth"

    /// Copies the pairs' images under blinded names into `folder` and records the plan; returns the plan.
    @discardableResult
    public static func create(study: String, pairs: [StudyPair], seed: UInt64, manifests: [LoadedManifest],
                              pairsPerRater: Int, folder: URL, database: ResultsDatabase) throws -> StudyPlanRecord {
        guard let subject = pairs.first?.subject else { throw StudyError.invalidStudy("study \(study) has no pairs") }
        guard pairsPerRater > 0 else { throw StudyError.invalidStudy("--pairs-per-rater must be positive, got \(pairsPerRater)") }
        if try database.studyPlan(study) != nil {
            throw StudyError.invalidStudy("a study named \(study) exists already in \(database.path); choose another --study name")
        }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path),
           !(try fileManager.contentsOfDirectory(atPath: folder.path)).isEmpty {
            throw StudyError.invalidStudy("the study folder \(folder.path) is not empty; give a new --folder")
        }
        let images = folder.appendingPathComponent(imagesFolder), truths = folder.appendingPathComponent(groundTruthFolder)
        try fileManager.createDirectory(at: images, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: truths, withIntermediateDirectories: true)
        var records = [(item: StudyItemRecord, page: StudyPageRecord)]()
        for pair in pairs {
            let input = try copy(pair.inputImage, to: images, as: "\(pair.blindID)-input")
            let left = try copy(pair.leftImage, to: images, as: "\(pair.blindID)-left")
            let right = try copy(pair.rightImage, to: images, as: "\(pair.blindID)-right")
            let truth = try pair.groundTruthImage.map { try copy($0, to: truths, as: pair.blindID) }
            let item = try StudyItemRecord(study: study, inputID: pair.inputID, attributeGroups: pair.edit.attributeGroups,
                                           methodA: pair.leftMethod, methodB: pair.rightMethod, imageA: left, imageB: right)
            let page = try StudyPageRecord(itemId: 0, study: study, blindID: pair.blindID, inputImage: input,
                                           targetDescription: pair.edit.description, targetLabels: pair.edit.targetLabels,
                                           groundTruthImage: truth.map { "\(groundTruthFolder)/\($0)" })
            records.append((item, page))
        }
        var hashes = [String: String]()
        for loaded in manifests {
            hashes[loaded.url.path] = SHA256.hexDigest(try Data(contentsOf: loaded.url))
        }
        let plan = try StudyPlanRecord(study: study, seed: seed, subject: subject,
                                       opponents: Array(Set(pairs.map(\.opponent))).sorted(), manifests: hashes,
                                       folder: folder.standardizedFileURL.path, pairsPerRater: pairsPerRater)
        try database.recordStudyPlan(plan, items: records)
        return plan
    }

    /// Copies `source` to `folder/<name>.<ext>` (PNG or JPEG only) and returns the new file name.
    static func copy(_ source: URL, to folder: URL, as name: String) throws -> String {
        let ext = source.pathExtension.lowercased()
        guard ["png", "jpg", "jpeg"].contains(ext) else {
            throw StudyError.image(path: source.path, message: "the study shows PNG or JPEG images only")
        }
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw StudyError.image(path: source.path, message: "no such file (listed in a translation manifest)")
        }
        let fileName = "\(name).\(ext)"
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(fileName))
        return fileName
    }
}
