import Datasets
import Foundation
import NN
import TensorCore

/// The one training loop every method runs in. It owns the seeded data stream, the learning-rate
/// schedules, checkpoints (every `checkpointEvery` iterations, at the end, and on SIGINT/SIGTERM),
/// `losses.csv` and `losses.svg`, sample grids, NaN/Inf stops and resume.
///
/// Determinism: batches depend on (seed, iteration) (`IterationBatches`), the method's random
/// draws come from `RandomGenerator(seed, stream: stepStreamBase + iteration)`, and a checkpoint
/// holds every weight, buffer and optimiser moment, so a run resumed from any checkpoint ends with
/// the same bits as one that never stopped.
public final class Trainer {
    public enum Outcome: Equatable, Sendable {
        case completed(iterations: Int)
        /// Stopped on a signal after a checkpoint at `iteration`.
        case interrupted(iteration: Int, signal: Int32)
    }

    /// Files of a run folder the trainer writes.
    public struct Layout: Sendable {
        public let folder: URL
        public init(folder: URL) { self.folder = folder }
        public var checkpoints: CheckpointDirectory { CheckpointDirectory(url: folder.appendingPathComponent("checkpoints")) }
        public var losses: URL { folder.appendingPathComponent("losses.csv") }
        public var lossCurve: URL { folder.appendingPathComponent("losses.svg") }
        public func sampleGrid(iteration: Int) -> URL {
            folder.appendingPathComponent("samples/iter-" + String(iteration).leftPadded(8) + ".png")
        }
    }

    /// First stream of the per-iteration generators (streams below it are left to initialisation).
    public static let stepStreamBase: UInt64 = 1 << 40

    public let method: TrainingMethod
    public let settings: TrainingSettings
    public let layout: Layout
    public let seed: UInt64
    let loader: BatchLoader
    let samples: SampleGrid?
    let schedules: [any LearningRateSchedule]
    public var showProgress = true
    /// Called after every checkpoint (the experiment layer records a heartbeat and the artefact).
    public var onCheckpoint: ((Int, URL) -> Void)?
    /// Called after every sample grid.
    public var onSampleGrid: ((Int, URL) -> Void)?
    public let stopRequests = StopRequests()

    public init(method: TrainingMethod, loader: BatchLoader, settings: TrainingSettings, layout: Layout,
                seed: UInt64, samples: SampleGrid?) {
        self.method = method
        self.loader = loader
        self.settings = settings
        self.layout = layout
        self.seed = seed
        self.samples = samples
        schedules = method.optimizers.map { settings.learningRate.schedule(base: $0.optimizer.learningRate, iterations: settings.iterations) }
    }

    /// Runs from the newest checkpoint in the folder (or from the start) to `settings.iterations`.
    /// Throws `TrainingStopped` on a non-finite loss or weight (no checkpoint is written then, so the
    /// last good one stays) and rethrows data and file errors.
    public func run() throws -> Outcome {
        try FileManager.default.createDirectory(at: layout.folder, withIntermediateDirectories: true)
        let checkpoints = layout.checkpoints
        let start = try checkpoints.restoreLatest(into: method)
        let log = try LossLog(url: layout.losses, learningRateColumns: method.optimizers.map(\.name),
                              lossNames: method.lossNames, keepingRowsThrough: start)
        let batches = IterationBatches(loader: loader, startingAt: start)
        let progress = TrainingProgress(total: settings.iterations, resumedAt: start, enabled: showProgress)
        let (killAfter, signalAfter) = (KillSwitch.iteration(), KillSwitch.signalIteration())
        stopRequests.start()
        defer { stopRequests.stop() }

        var iteration = start
        while iteration < settings.iterations {
            let rates = schedules.map { $0.learningRate(atIteration: iteration) }
            for (k, entry) in method.optimizers.enumerated() { entry.optimizer.learningRate = rates[k] }
            let batch = try batches.next()
            var random = RandomGenerator(seed: seed, stream: Self.stepStreamBase + UInt64(iteration))
            let losses = method.step(batch, iteration: iteration, random: &random)
            iteration += 1
            try NonFiniteCheck.check(losses: losses, method: method, iteration: iteration)
            try log.append(iteration: iteration, learningRates: rates, losses: losses)
            progress.update(iteration: iteration, losses: method.lossNames.compactMap { n in losses[n].map { (n, $0) } })

            let last = iteration == settings.iterations
            if iteration % settings.sampleEvery == 0 || last { try writeSamples(iteration) }
            if iteration % settings.checkpointEvery == 0 || last { try checkpoint(iteration) }
            if let killAfter, iteration == killAfter { KillSwitch.fire() }
            if let signalAfter, iteration == signalAfter { KillSwitch.terminate(awaitedBy: stopRequests) }
            if let signal = stopRequests.signal {
                if iteration % settings.checkpointEvery != 0 && !last { try checkpoint(iteration) }
                return .interrupted(iteration: iteration, signal: signal)
            }
        }
        try writeLossCurve()
        return .completed(iterations: iteration)
    }

    func checkpoint(_ iteration: Int) throws {
        try layout.checkpoints.save(method, iteration: iteration)
        try writeLossCurve()
        onCheckpoint?(iteration, layout.checkpoints.file(iteration: iteration))
    }

    func writeSamples(_ iteration: Int) throws {
        guard let samples, samples.images.shape[0] > 0 else { return }
        let url = layout.sampleGrid(iteration: iteration)
        try withoutGradients { try samples.write(with: method, to: url) }
        onSampleGrid?(iteration, url)
    }

    func writeLossCurve() throws {
        let (columns, rows) = try LossLog.read(layout.losses)
        try Data(LossCurve.svg(columns: columns, rows: rows).utf8).write(to: layout.lossCurve, options: .atomic)
    }
}
