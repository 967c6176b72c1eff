import ArgumentParser
import Foundation
import ResultsStore
import Study

/// `study simulate`: ground-truth raters (SynthFaces), stored as simulated raters.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Fill a study with simulated raters that prefer the output closer to the renderer's ground truth.",
        discussion: "Table 1 names these raters as simulated (report table table1 --raters simulated). "
            + "Noise: docs/study.md \"Simulated raters\".")

    @OptionGroup var options: StudyOptions

    @Option(help: "How many simulated raters.")
    var raters: Int = 20

    @Option(help: "Distance to the ground truth: \(ImageDistance.allCases.map(\.rawValue).joined(separator: " or ")).")
    var distance: String = ImageDistance.l1.rawValue

    @Option(help: "Seed of the raters' noise.")
    var seed: UInt64 = 0

    @Option(help: "Median noise of a rater's perceived relative gap (Thurstone slack).")
    var medianSlack: Double = NoiseModel().medianSlack

    @Option(help: "Largest share of random (inattentive) choices of a rater.")
    var maxLapse: Double = NoiseModel().maxLapse

    func validate() throws {
        guard raters > 0 else { throw ValidationError("--raters must be positive, got \(raters)") }
        guard ImageDistance(rawValue: distance) != nil else {
            throw ValidationError("--distance expects \(ImageDistance.allCases.map(\.rawValue).joined(separator: " or ")), got \"\(distance)\"")
        }
        guard medianSlack >= 0, medianSlack.isFinite else { throw ValidationError("--median-slack must be ≥ 0, got \(medianSlack)") }
        guard (0...1).contains(maxLapse) else { throw ValidationError("--max-lapse must be in [0, 1], got \(maxLapse)") }
    }

    func run() throws {
        let database = try ResultsDatabase(path: options.database)
        let report = try StudySimulation.run(study: options.study, database: database, raters: raters, seed: seed,
                                             distance: ImageDistance(rawValue: distance)!,
                                             noise: NoiseModel(medianSlack: medianSlack, maxLapse: maxLapse))
        print(report.summary)
    }
}
