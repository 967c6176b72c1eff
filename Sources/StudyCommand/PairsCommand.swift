import ArgumentParser
import Foundation
import ResultsStore
import Study

/// `study pairs`: the comparison set from the subject's and the baselines' translation manifests.
struct PairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Build a study: BiL-GAN against each baseline on the same inputs and targets, blinded, in a new folder.",
        discussion: "Example: study pairs --subject runs/bilgan/translations/manifest.json "
            + "--baseline runs/stargan/translations/manifest.json --baseline runs/icgan/translations/manifest.json "
            + "--folder results/study/table1 --seed 12 --pairs-per-rater 60")

    @OptionGroup var options: StudyOptions

    @Option(help: "Translation manifest of the method under study (BiL-GAN).")
    var subject: String

    @Option(help: "Translation manifest of a baseline; repeatable.")
    var baseline: [String] = []

    @Option(help: "New, empty folder for the study's blinded images.")
    var folder: String

    @Option(help: "Seed of the pair order, the sides and the blinded ids (logged in the store).")
    var seed: UInt64 = 0

    @Option(help: "Comparisons each rater sees (balanced over baselines and attribute groups).")
    var pairsPerRater: Int = 60

    func validate() throws {
        guard !baseline.isEmpty else { throw ValidationError("give at least one --baseline manifest") }
        guard pairsPerRater > 0 else { throw ValidationError("--pairs-per-rater must be positive, got \(pairsPerRater)") }
    }

    func run() throws {
        let subjectManifest = try LoadedManifest.load(URL(fileURLWithPath: subject))
        let baselines = try baseline.map { try LoadedManifest.load(URL(fileURLWithPath: $0)) }
        let pairs = try BlindedPairs.make(subject: subjectManifest, opponents: baselines, seed: seed)
        let database = try ResultsDatabase(path: options.database)
        try StudyFolder.create(study: options.study, pairs: pairs, seed: seed, manifests: [subjectManifest] + baselines,
                               pairsPerRater: pairsPerRater, folder: URL(fileURLWithPath: folder), database: database)
        print("study: \(options.study): \(pairs.count) blinded pairs (seed \(seed)) in \(folder), \(pairsPerRater) per rater; "
            + "recorded in \(options.database)")
    }
}
