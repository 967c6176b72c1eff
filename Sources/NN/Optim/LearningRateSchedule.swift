/// Learning rate as a function of the iteration (0-based).
public protocol LearningRateSchedule: Sendable {
    func learningRate(atIteration i: Int) -> Float
}

/// Constant for `constantIterations`, then linear decay to 0 over `decayIterations`; the rate is
/// recomputed every `updateEvery` iterations (1 = every iteration). This is the schedule the StarGAN
/// and CycleGAN papers describe (decay to 0 over the second half).
public struct LinearDecaySchedule: LearningRateSchedule {
    public var base: Float
    public var constantIterations: Int
    public var decayIterations: Int
    public var updateEvery: Int

    public init(base: Float, constantIterations: Int, decayIterations: Int, updateEvery: Int = 1) {
        self.base = base; self.constantIterations = constantIterations
        self.decayIterations = decayIterations; self.updateEvery = max(1, updateEvery)
    }

    public func learningRate(atIteration i: Int) -> Float {
        let quantised = (i / updateEvery) * updateEvery
        let intoDecay = quantised - constantIterations
        if intoDecay <= 0 || decayIterations <= 0 { return base }
        return base * max(0, 1 - Float(intoDecay) / Float(decayIterations))
    }
}

/// StarGAN's code as released (`solver.py`): after `decayStart`, every `updateEvery` iterations the
/// rate drops by base/`decaySteps`, so over its 100 updates it only reaches 0.999·base. Kept so that
/// a run can state it reproduces the code rather than the paper.
public struct StarGANCodeSchedule: LearningRateSchedule {
    public var base: Float
    public var decayStart: Int
    public var decaySteps: Int
    public var updateEvery: Int

    public init(base: Float, decayStart: Int = 100_000, decaySteps: Int = 100_000, updateEvery: Int = 1_000) {
        self.base = base; self.decayStart = decayStart; self.decaySteps = decaySteps; self.updateEvery = updateEvery
    }

    public func learningRate(atIteration i: Int) -> Float {
        // Updates happen when (i+1) % updateEvery == 0 and (i+1) > decayStart, after iteration i.
        var lr = Double(base)   // Python floats: the subtraction is repeated in double precision
        let updates = max(0, (i / updateEvery) - decayStart / updateEvery)
        for _ in 0..<updates { lr -= Double(base) / Double(decaySteps) }
        return Float(lr)
    }
}
