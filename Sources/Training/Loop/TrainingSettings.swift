import NN

/// The loop's part of a run configuration: how long, how big, how often to save. Plain data read
/// from a profile (`profiles/*.json`), so it is part of the run's identity.
public struct TrainingSettings: Codable, Sendable, Equatable {
    /// Training iterations (StarGAN: D iterations, `num_iters`).
    public var iterations: Int
    public var batchSize: Int
    /// Side of the square network input.
    public var imageSize: Int
    /// A checkpoint every this many iterations (and at the end, and on SIGINT/SIGTERM).
    public var checkpointEvery: Int
    /// A sample grid every this many iterations (and at the end).
    public var sampleEvery: Int
    /// Rows of the sample grid (fixed inputs from the first batch of epoch 0).
    public var sampleRows: Int
    public var learningRate: LearningRatePolicy

    public init(iterations: Int, batchSize: Int, imageSize: Int, checkpointEvery: Int, sampleEvery: Int,
                sampleRows: Int, learningRate: LearningRatePolicy) {
        self.iterations = iterations; self.batchSize = batchSize; self.imageSize = imageSize
        self.checkpointEvery = checkpointEvery; self.sampleEvery = sampleEvery; self.sampleRows = sampleRows
        self.learningRate = learningRate
    }

    /// Problems a user can act on, named by field; empty when the settings are usable.
    public func problems() -> [String] {
        var out: [String] = []
        for (name, value) in [("iterations", iterations), ("batchSize", batchSize), ("imageSize", imageSize),
                              ("checkpointEvery", checkpointEvery), ("sampleEvery", sampleEvery)] where value <= 0 {
            out.append("training.\(name) must be positive, got \(value)")
        }
        if sampleRows < 0 { out.append("training.sampleRows must not be negative, got \(sampleRows)") }
        if learningRate.decayStart < 0 || learningRate.decayStart > iterations {
            out.append("training.learningRate.decayStart must lie in 0...\(iterations), got \(learningRate.decayStart)")
        }
        if learningRate.updateEvery <= 0 { out.append("training.learningRate.updateEvery must be positive, got \(learningRate.updateEvery)") }
        return out
    }
}

/// How every optimiser's rate moves over the run, as a fraction of its base rate.
public struct LearningRatePolicy: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Constant, then linear to 0 at the last iteration: the StarGAN and CycleGAN papers.
        case linear
        /// StarGAN's released `solver.py` (L335–338): base/decaySteps subtracted every `updateEvery`
        /// iterations after `decayStart`, which ends at 0.999·base (`baselines.md` §1.4).
        case upstream
        case constant
    }

    public var kind: Kind
    /// Iterations at the base rate before the decay starts (StarGAN: num_iters − num_iters_decay).
    public var decayStart: Int
    /// The rate changes every this many iterations (StarGAN: lr_update_step = 1,000).
    public var updateEvery: Int

    public init(kind: Kind, decayStart: Int, updateEvery: Int = 1) {
        self.kind = kind; self.decayStart = decayStart; self.updateEvery = updateEvery
    }

    /// The schedule for one optimiser with base rate `base` over a run of `iterations`.
    public func schedule(base: Float, iterations: Int) -> any LearningRateSchedule {
        switch kind {
        case .linear:
            return LinearDecaySchedule(base: base, constantIterations: decayStart,
                                       decayIterations: iterations - decayStart, updateEvery: updateEvery)
        case .upstream:
            return StarGANCodeSchedule(base: base, decayStart: decayStart,
                                       decaySteps: Swift.max(1, iterations - decayStart), updateEvery: updateEvery)
        case .constant:
            return LinearDecaySchedule(base: base, constantIterations: iterations, decayIterations: 0)
        }
    }
}
