import ArgumentParser
import Experiments
import Foundation
import Kernels
import Training

extension MethodName: ExpressibleByArgument {}
extension TrainingDataset: ExpressibleByArgument {}

/// `train`: one method on one dataset with one profile and seed. Thin: parses the flags and hands
/// them to `Experiments.TrainingRun`, which owns the run's identity, folder and store row.
@main
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a method; the run is a row in the results store and a folder under <results>/runs/.",
        discussion: """
            The same method, dataset, profile, seed, data and code again skips a finished run and resumes an \
            unfinished one from its last checkpoint (SIGINT/SIGTERM save one before stopping). A NaN or Inf \
            loss or weight stops the run and marks it failed with the iteration and the loss.
            """)

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }

    @Option(help: "The method: \(MethodName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: MethodName

    @Option(help: "The method's variant. bilgan: \(MethodName.bilgan.variants.joined(separator: ", ")) (default full, Table 2's ablations); the baselines have only 'default'.")
    var variant: String?

    @Option(help: "The dataset folder under --data-root: \(TrainingDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: TrainingDataset

    @Option(help: "A profile name under profiles/ (smoke, default, paper) or a path to a profile .json file.")
    var profile = "default"

    @Option(help: "The seed every random choice follows from (weights, data order, flips, target labels, GP α).")
    var seed: UInt64 = 0

    @Option(help: "The folder that holds celebahq/, rafd/ and multipie/.")
    var dataRoot = "datasets/generated"

    @Option(help: "The results folder: results.sqlite and runs/<run>/.")
    var results = "results"

    @Option(help: "The results database (default <results>/results.sqlite); a sweep task passes its own shard.")
    var database: String?

    @Option(help: "The folder profile names are looked up in.")
    var profiles = "profiles"

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        var request = TrainingRequest(method: method, dataset: dataset, profile: profile, seed: seed,
                                      dataRoot: URL(fileURLWithPath: dataRoot), resultsRoot: URL(fileURLWithPath: results),
                                      profilesDirectory: URL(fileURLWithPath: profiles))
        request.showProgress = !quiet
        request.variant = variant
        request.database = database.map { URL(fileURLWithPath: $0) }
        do {
            let run = try TrainingRun(request)
            let result = try run.execute { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            if case .interrupted = result { throw ExitCode(130) }
        } catch let error as ExperimentError {
            throw ValidationError(error.description)
        } catch let stop as TrainingStopped {
            FileHandle.standardError.write(Data("error: \(stop.description); the run is marked failed, its last good checkpoint stays\n".utf8))
            throw ExitCode(2)
        }
    }
}
