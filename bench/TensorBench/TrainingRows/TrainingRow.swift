import Datasets
import Experiments
import TensorCore
import Training

/// One method's training work at a profile, ready to time: the unit of work the trainer repeats for
/// that method, on a batch held in memory, and the training images one unit consumes.
struct TimedTrainingUnit {
    let imagesPerUnit: Int
    /// What one unit is, in words ("5 D steps + 1 G step, batch 8, 64²").
    let description: String
    let run: () -> Void
    /// The unit's iteration with the highest memory peak, in words and as work (StarGAN: the one
    /// with the G step; the critic-only iterations before it peak lower); the whole unit by default.
    var heaviest: (description: String, run: () -> Void)?

    var peakIteration: (description: String, run: () -> Void) { heaviest ?? (description, run) }
}

/// What a row's builder gets: the method exactly as `train` builds it from the profile (settings
/// validated, celebahq domains, the seed), its settings and the profile's loop settings.
struct TrainingRowInput {
    let method: TrainingMethod
    let settings: JSONValue
    let training: TrainingSettings
    let seed: UInt64

    /// One trainer iteration (`Trainer.run`): the method's step with the random stream the trainer
    /// derives for `iteration`. Data loading, loss logging and NaN checks are left out on both sides.
    func iteration(_ batch: Batch, _ iteration: Int) {
        var random = RandomGenerator(seed: seed, stream: Trainer.stepStreamBase + UInt64(iteration))
        _ = method.step(batch, iteration: iteration, random: &random)
    }
}

/// A row of `tensor-bench`'s training table. Each method's row is a file of its own
/// (`StarGANRow.swift`, …) that adds a static member; `all` lists them in table order. The PyTorch
/// peer of a row is `bench/training_rows/<method>.py`. Adding a method's row: one file here, one
/// entry in `all`, one module there.
struct TrainingRow: Sendable {
    /// The method's name in `train --method` and its key in a profile file.
    let method: MethodName
    let build: @Sendable (TrainingRowInput) throws -> TimedTrainingUnit

    static let all: [TrainingRow] = [.stargan, .cyclegan, .icgan]

    static func named(_ name: String) throws -> TrainingRow {
        guard let row = all.first(where: { $0.method.rawValue == name }) else {
            throw ExperimentError("no training row '\(name)' (rows: \(all.map(\.method.rawValue).joined(separator: ", ")))")
        }
        return row
    }

    /// The row's unit at `profile`; problems with the profile are `ExperimentError`s naming the file.
    func unit(profile: Profile, seed: UInt64) throws -> TimedTrainingUnit {
        let entry = try profile.entry(for: method.rawValue)
        let problems = entry.training.problems()
        if !problems.isEmpty { throw ExperimentError("\(profile.url.path): " + problems.joined(separator: "; ")) }
        let dataset = TrainingDataset.celebahq
        let settings = try method.validatedSettings(entry.settings, training: entry.training, dataset: dataset)
        let context = MethodContext(domains: dataset.domains, imageSize: entry.training.imageSize, seed: seed)
        let made = try method.make(settings: settings, context: context, training: entry.training)
        return try build(TrainingRowInput(method: made, settings: settings, training: entry.training, seed: seed))
    }
}
