import Datasets
import Foundation
import ResultsStore
import Training

/// What `train` asks for: method, dataset, profile and seed, and where data, profiles and results are.
public struct TrainingRequest: Sendable {
    public var method: MethodName
    public var dataset: TrainingDataset
    public var profile: String
    public var seed: UInt64
    public var dataRoot: URL
    public var resultsRoot: URL
    public var profilesDirectory: URL
    /// The method's variant (`MethodName.variants`); nil takes the method's default (`full` for BiL-GAN).
    public var variant: String?
    /// The results database; nil is `<resultsRoot>/results.sqlite`. A sweep task gives its own shard here,
    /// since SQLite on a shared file system is not safe for many writers (docs/sweeps.md).
    public var database: URL?
    public var showProgress = true

    public init(method: MethodName, dataset: TrainingDataset, profile: String, seed: UInt64, dataRoot: URL,
                resultsRoot: URL, profilesDirectory: URL) {
        self.method = method; self.dataset = dataset; self.profile = profile; self.seed = seed
        self.dataRoot = dataRoot; self.resultsRoot = resultsRoot; self.profilesDirectory = profilesDirectory
    }
}

/// One run from request to finished row: resolves the configuration, finds or starts the run in the
/// results store (`results/results.sqlite`), and trains in `results/runs/<name>/` (`config.json`,
/// `checkpoints/`, `losses.csv`, `losses.svg`, `samples/`). The same configuration again skips a
/// finished run and resumes an unfinished one from its last checkpoint.
public final class TrainingRun {
    public enum Result: Equatable, Sendable {
        case alreadyFinished
        case completed
        case interrupted(iteration: Int)
    }

    public let request: TrainingRequest
    public let config: RunConfig
    public let name: String
    public let folder: URL
    let entry: Profile.MethodEntry
    let samples: [LabelledImage]
    /// BiL-GAN's `bilgan-aux` run, trained (or found finished) before this one starts.
    let auxiliary: TrainingRun?

    /// Resolves the configuration; every input problem is an `ExperimentError` naming what is wrong.
    public init(_ request: TrainingRequest) throws {
        self.request = request
        let profile = try Profile.load(request.profile, directory: request.profilesDirectory)
        entry = try profile.entry(for: request.method.rawValue)
        try MethodName.check(entry.training.problems().map { "\(profile.url.path): \($0)" })
        var settings = try request.method.validatedSettings(entry.settings, training: entry.training,
                                                            dataset: request.dataset)
        let variant = request.variant ?? request.method.variants[0]
        guard request.method.variants.contains(variant) else {
            throw ExperimentError("unknown variant '\(variant)' for \(request.method.rawValue); valid: "
                + request.method.variants.joined(separator: ", "))
        }
        samples = try request.dataset.trainingSamples(root: request.dataRoot)
        if request.method.usesIdentities {
            _ = try BiLGANRunSetup.identityClasses(samples, folder: request.dataset.folder(in: request.dataRoot))
        }
        if request.method == .bilgan {
            let aux = try TrainingRun(BiLGANRunSetup.auxiliaryRequest(for: request))
            settings = try BiLGANRunSetup.configuration(settings: settings, variant: variant, dataset: request.dataset,
                                                        samples: samples, auxiliary: aux)
            auxiliary = aux
        } else {
            auxiliary = nil
        }
        if samples.count < entry.training.batchSize {
            throw ExperimentError("\(request.dataset.folder(in: request.dataRoot).path) has \(samples.count) training images, "
                + "fewer than one batch of \(entry.training.batchSize) (profile \(profile.name))")
        }
        let fingerprint = request.dataset.fingerprint(samples: samples, root: request.dataRoot)
        config = RunConfig(method: request.method.rawValue, variant: variant, dataset: request.dataset.rawValue,
                           datasetPath: request.dataRoot.standardizedFileURL.path, datasetFingerprint: fingerprint.hash,
                           datasetRendererVersion: fingerprint.rendererVersion, profile: profile.name, seed: request.seed,
                           codeVersion: CodeVersion.current(), training: entry.training, methodSettings: settings)
        name = try config.runName()
        folder = request.resultsRoot.appendingPathComponent("runs").appendingPathComponent(name)
    }

    public var layout: Trainer.Layout { Trainer.Layout(folder: folder) }

    public var databasePath: String {
        (request.database ?? request.resultsRoot.appendingPathComponent("results.sqlite")).path
    }

    /// Trains (or skips / resumes). `say` receives the lines a user should see (run id first).
    /// A non-finite loss or weight marks the run failed with the reason and rethrows `TrainingStopped`.
    public func execute(say: (String) -> Void) throws -> Result {
        try FileManager.default.createDirectory(at: request.resultsRoot, withIntermediateDirectories: true)
        if let auxiliary {
            say("auxiliary networks first (\(auxiliary.name)):")
            if case .interrupted(let iteration) = try auxiliary.execute(say: say) { return .interrupted(iteration: iteration) }
        }
        let store = try ResultsDatabase(path: databasePath)
        let hash = try config.hash()
        let earlier = try store.runs(configHash: hash)
        if let done = earlier.last(where: { $0.status == .finished }) {
            say("run \(done.id!) \(name) already finished; results in \(folder.path)")
            return .alreadyFinished
        }
        let runID: Int64
        if let open = earlier.last(where: { $0.status == .running || $0.status == .abandoned }) {
            runID = open.id!
            try store.resumeRun(runID)
            say("run \(runID) \(name): resuming in \(folder.path)")
        } else if let failed = earlier.last(where: { $0.status == .failed }) {
            throw ExperimentError("run \(failed.id!) \(name) failed earlier (\(failed.statusMessage ?? "no reason recorded")); "
                + "it would fail the same way (same seed); remove \(folder.path) and its row, or change the configuration")
        } else {
            runID = try store.startRun(RunDescription(method: config.method, variant: config.variant, dataset: config.dataset,
                                                      profile: config.profile, seed: Int(config.seed),
                                                      configJSON: try config.canonicalJSON(), codeVersion: config.codeVersion))
            say("run \(runID) \(name) in \(folder.path)")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((try config.canonicalJSON() + "\n").utf8).write(to: folder.appendingPathComponent("config.json"), options: .atomic)
            let trainer = try makeTrainer()
            trainer.onCheckpoint = { _, url in
                try? store.heartbeat(run: runID)
                _ = try? store.recordArtefact(ArtefactRecord(runId: runID, kind: .checkpoint, path: url.path))
            }
            trainer.onSampleGrid = { _, url in
                _ = try? store.recordArtefact(ArtefactRecord(runId: runID, kind: .sampleGrid, path: url.path))
            }
            switch try trainer.run() {
            case .completed(let iterations):
                try store.finishRun(runID, finalMetrics: [])
                say("run \(runID) finished after \(iterations) iterations: \(folder.path)")
                return .completed
            case .interrupted(let iteration, let signal):
                say("run \(runID) interrupted by signal \(signal) after iteration \(iteration); checkpoint saved, rerun the same command to resume")
                return .interrupted(iteration: iteration)
            }
        } catch let stop as TrainingStopped {
            try? store.failRun(runID, message: stop.description)
            throw stop
        } catch {
            try? store.failRun(runID, message: "\(error)")
            throw error
        }
    }

    func makeTrainer() throws -> Trainer {
        let t = entry.training
        var context = MethodContext(domains: request.dataset.domains, imageSize: t.imageSize, seed: config.seed)
        if request.method.usesIdentities {
            context.sampleIdentities = try BiLGANRunSetup.identityClasses(samples, folder: request.dataset.folder(in: request.dataRoot))
        }
        if let auxiliary {
            guard auxiliary.layout.checkpoints.latest != nil else {
                throw ExperimentError("auxiliary run \(auxiliary.name) has no checkpoint in \(auxiliary.folder.path)")
            }
            context.auxiliaryCheckpoint = auxiliary.layout.checkpoints.url
        }
        let method = try request.method.make(settings: config.methodSettings, context: context, training: t)
        let loader = try BatchLoader(samples: samples, configuration: BatchConfiguration(
            batchSize: t.batchSize, imageSize: t.imageSize, flip: true, shuffle: true, dropLast: true,
            loadUVFields: request.method.usesUVFields, seed: config.seed,
            pairedTargets: request.method == .bilgan ? BiLGANRunSetup.pairedTargets(dataset: request.dataset) : nil))
        var grid: SampleGrid?
        if t.sampleRows > 0 {
            // StarGAN's x_fixed: the first batch of the run (solver.py L205–209).
            let fixed = try loader.batch(epoch: 0, index: 0)
            let rows = min(t.sampleRows, fixed.images.shape[0])
            let images = fixed.images.slice(axis: 0, 0..<rows), labels = fixed.labels.slice(axis: 0, 0..<rows)
            grid = SampleGrid(images: images, labels: labels,
                              targetColumns: DomainLabels.editTargets(labels, domains: request.dataset.domains))
        }
        let trainer = Trainer(method: method, loader: loader, settings: t, layout: layout,
                              seed: config.seed, samples: grid)
        trainer.showProgress = request.showProgress
        return trainer
    }
}
