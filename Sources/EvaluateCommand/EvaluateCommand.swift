import ArgumentParser
import Evaluation
import Evaluators
import Experiments
import Foundation
import Kernels
import ResultsStore

extension TrainingDataset: ExpressibleByArgument {}

/// What `--method` names: a trainable method, or `lightcnn`, Table 3's row of Light CNN on the raw
/// Multi-PIE probes (no training run behind it).
enum EvaluatedMethod: ExpressibleByArgument, Equatable {
    case trained(MethodName)
    case lightCNNOnRawProbes

    init?(argument: String) {
        if argument == MethodKey.lightCNN { self = .lightCNNOnRawProbes } else if let name = MethodName(rawValue: argument) {
            self = .trained(name)
        } else { return nil }
    }

    var name: String {
        switch self {
        case let .trained(method): return method.rawValue
        case .lightCNNOnRawProbes: return MethodKey.lightCNN
        }
    }

    static var allValueStrings: [String] { MethodName.allCases.map(\.rawValue) + [MethodKey.lightCNN] }
}

/// `evaluate`: Table 2's metrics for finished training runs. Thin: parses the flags and hands them to
/// `Evaluation.RunEvaluation`, which finds the runs, translates, trains or reuses the evaluators and
/// writes every value to the results store.
@main
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate finished training runs: Table 2's FD-SynthFaces, KID, PRDC, MS-SSIM, CLAS error (celebahq) or Table 3's Light CNN rank-1 per yaw (multipie).",
        discussion: """
            Translations go to <results>/runs/<run>/translations/ with manifest.json (the user study reads it); \
            evaluators are trained once per dataset and seed and stored under <results>/evaluators/. Every value \
            goes to <results>/results.sqlite with the evaluator's hash in its protocol; rerunning skips stored work. \
            FID-Inception is computed only with --inception-weights (convert them with \
            \(FIDInceptionV3.converterCommand)). On multipie runs the Setting 2 test probes are frontalised to \
            <results>/runs/<run>/frontalised/ and scored by Light CNN rank-1 per yaw; --method lightcnn scores the raw \
            probes (Table 3's "Light CNN" row; --data-root, default datasets/generated, and --profile, default "default").
            """)

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }

    @Option(help: "The method: \(EvaluatedMethod.allValueStrings.joined(separator: ", ")) (lightcnn: Table 3's raw-probe row).")
    var method: EvaluatedMethod

    @Option(help: "Only runs of this variant (default: any).")
    var variant: String?

    @Option(help: "Only runs on this dataset: \(TrainingDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: TrainingDataset?

    @Option(help: "Only runs of this profile; its \"evaluators\" section sizes the evaluators (default: each run's own profile).")
    var profile: String?

    @Option(name: .customLong("run"), help: "Only the run with this id.")
    var runID: Int64?

    @Option(help: "Only runs with this seed.")
    var seed: UInt64?

    @Option(help: "The folder that holds celebahq/ (default: the one each run was trained on).")
    var dataRoot: String?

    @Option(help: "The results folder: results.sqlite and runs/<run>/.")
    var results = "results"

    @Option(help: "The results database (default <results>/results.sqlite); a sweep task passes its own shard.")
    var database: String?

    @Option(help: "The folder profile names are looked up in.")
    var profiles = "profiles"

    @Option(help: "Converted pytorch-fid Inception weights (safetensors); adds FID-Inception.")
    var inceptionWeights: String?

    @Flag(help: "No progress bars.")
    var quiet = false

    func run() throws {
        if method == .trained(.bilganAuxiliary) {
            throw ValidationError("bilgan-aux holds BiL-GAN's auxiliary networks (D_uv, D_a, φ) and translates nothing; evaluate --method bilgan")
        }
        var request = EvaluationRequest(method: method.name, resultsRoot: URL(fileURLWithPath: results),
                                        profilesDirectory: URL(fileURLWithPath: profiles))
        request.variant = variant
        request.database = database.map { URL(fileURLWithPath: $0) }
        request.dataset = dataset
        request.profile = profile
        request.runID = runID
        request.seed = seed
        request.dataRoot = dataRoot.map { URL(fileURLWithPath: $0) }
        request.inceptionWeights = inceptionWeights.map { URL(fileURLWithPath: $0) }
        request.showProgress = !quiet
        let start = Date()
        do {
            let outcomes = try RunEvaluation.execute(request) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            print(String(format: "evaluated %d run(s) in %.1f s", outcomes.count, Date().timeIntervalSince(start)))
        } catch let error as ExperimentError {
            throw ValidationError(error.description)
        } catch let error as EvaluatorError {
            throw ValidationError(error.description)
        }
    }
}
