import TensorCore

/// The enhancing phase's adversarial objective (paper Eq. 4–5 in their LSGAN form, `bilgan-method.md`
/// "Losses"): the student D learns from the frozen teacher T's opinion of the real image instead of a
/// hard 1, and G's loss weighs up the samples the teacher still sees through.
public enum InheritedAdversarialLoss {
    /// t(x) = clamp(mean over the patch of T(↓x), 0, 1), one soft target per sample: [N] from T's patch
    /// map [N, 1, s, s]. **Decision** (method file): the patch mean, then the clamp. Never differentiated
    /// (T is frozen), so the result carries no gradient.
    public static func teacherTarget(_ teacherPatch: Tensor) -> Tensor {
        precondition(teacherPatch.rank == 4 && teacherPatch.shape[1] == 1, "teacherTarget: patch map \(teacherPatch.shape), expected [N, 1, s, s]")
        return withoutGradients { teacherPatch.mean(axes: [1, 2, 3]).clamped(min: 0, max: 1) }
    }

    /// L_D = E[D(G(x,c))²] + E[(D(x) − t(x))²] (Eq. 4), the means over the batch and D's patch map;
    /// `target` is t(x) per sample [N]. With t ≡ 1 it is plain LSGAN.
    public static func discriminator(real: Tensor, fake: Tensor, target: Tensor) -> Tensor {
        precondition(target.shape == [real.shape[0]], "inherited D loss: target \(target.shape) for patch map \(real.shape)")
        let perSample = target.reshaped([real.shape[0], 1, 1, 1]).expanded(to: real.shape)
        return fake.squared().mean() + (real - perSample).squared().mean()
    }

    /// ω = 1 + (T′ − min T′)/(max T′ − min T′) with T′ = 1 − `teacherScores` (each in [0, 1]), min and
    /// max over the batch; ω = 1 everywhere when all T′ are equal (Eq. 5). Samples the teacher rejects
    /// (high T′) weigh up to twice as much. Constant weights: no gradient flows through ω.
    public static func importanceWeights(teacherScores: Tensor) -> Tensor {
        precondition(teacherScores.rank == 1, "importance weights: scores \(teacherScores.shape), expected [N]")
        let rejection = teacherScores.scalars.map { 1 - $0 }
        let (low, high) = (rejection.min() ?? 0, rejection.max() ?? 0)
        guard high > low else { return Tensor.ones(teacherScores.shape) }
        return Tensor(shape: teacherScores.shape, scalars: rejection.map { 1 + ($0 - low) / (high - low) })
    }

    /// L_G = E[ω/2 · (D(G(x,c)) − 1)²] (Eq. 5): per-sample weights [N] over D's patch map [N, 1, s, s].
    /// With ω ≡ 1 it is half of LSGAN's generator loss E[(D − 1)²] (the ½ of Mao et al.'s form); the
    /// initial phase and the ablations use `Training.AdversarialLoss.leastSquares` itself.
    public static func generator(fake: Tensor, weights: Tensor) -> Tensor {
        precondition(weights.shape == [fake.shape[0]], "inherited G loss: weights \(weights.shape) for patch map \(fake.shape)")
        let w = weights.reshaped([fake.shape[0], 1, 1, 1]).expanded(to: fake.shape)
        return (w * (fake - 1).squared()).mean() * 0.5
    }
}
