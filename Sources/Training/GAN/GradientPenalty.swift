import TensorCore

/// WGAN-GP's penalty as StarGAN computes it (`solver.gradient_penalty`, L136–140, L254–257):
/// x̂ = α·real + (1 − α)·fake with one α ~ U[0, 1) per sample, the gradient of the *sum* of the
/// critic's outputs at x̂ (`grad_outputs = ones`), and mean((‖∇‖₂ − 1)²) with no epsilon. The gradient
/// is taken with `createGraph`, so the penalty is differentiable into the critic's weights.
public enum GradientPenalty {
    /// One α per sample, [N, 1, 1, 1], from `random` (`torch.rand(N, 1, 1, 1)`).
    public static func interpolationWeights(count: Int, random: inout RandomGenerator) -> Tensor {
        Tensor.uniform([count, 1, 1, 1], generator: &random)
    }

    public static func penalty(critic: (Tensor) -> Tensor, real: Tensor, fake: Tensor, alpha: Tensor) -> Tensor {
        let n = real.shape[0]
        let mixed = (alpha * real.detached() + (1 - alpha) * fake.detached()).requiringGradient()
        let slope = gradient(of: critic(mixed), wrt: mixed, createGraph: true)
        return (slope.reshaped([n, -1]).l2Norm(axes: [1]) - 1).squared().mean()
    }

    /// R1 (Mescheder et al. 2018, "Which training methods for GANs do actually converge?"): the mean over
    /// real samples of ‖∇ₓ s(x)‖², where s(x) is the critic's per-sample score, the mean of its output map
    /// (so a patch critic is penalised for the score its loss uses). Differentiable into the critic's
    /// weights; the caller weighs it by γ/2.
    public static func r1(critic: (Tensor) -> Tensor, real: Tensor) -> Tensor {
        let n = real.shape[0]
        let input = real.detached().requiringGradient()
        let scores = critic(input).reshaped([n, -1]).mean(axes: [1])
        let slope = gradient(of: scores.sum(), wrt: input, createGraph: true)
        return slope.reshaped([n, -1]).squared().sum(axes: [1]).mean()
    }
}
