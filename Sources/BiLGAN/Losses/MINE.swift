import NN
import TensorCore

/// The "w/ MINE loss" ablation (Table 2): L_mp replaced by the Donsker–Varadhan bound of MINE
/// (Belghazi et al. 2018), Î = E_joint[T(a, b)] − log E_marginal[e^{T(a, b′)}], with a statistics
/// network T trained jointly to maximise Î while G maximises it too (G's loss is −Î).
///
/// **Decisions** (`docs/bilgan.md`): T sees the pair of normalised embeddings (φ̂(x), φ̂(y)); marginal
/// samples pair each x with the output of another batch element (a seeded derangement of the batch,
/// MINE's in-batch shuffle); the plain DV gradient is used (no moving-average bias correction).
public final class MINEStatisticsNetwork: Module {
    public let net: Sequential

    public init(embeddingSize: Int, hidden: Int = 128, generator g: inout RandomGenerator) {
        net = Sequential(Linear(2 * embeddingSize, hidden, generator: &g), ReLU(),
                         Linear(hidden, hidden, generator: &g), ReLU(),
                         Linear(hidden, 1, generator: &g))
    }

    /// T(a, b) for paired rows: [B, D] × [B, D] → [B].
    public func callAsFunction(_ a: Tensor, _ b: Tensor) -> Tensor {
        net(Tensor.concatenate([a, b], axis: 1)).reshaped([a.shape[0]])
    }
}

public enum MINEBound {
    /// Î_DV = mean(joint) − log mean(exp(marginal)), the log-mean-exp shifted by its (constant) maximum.
    public static func donskerVaradhan(joint: Tensor, marginal: Tensor) -> Tensor {
        let shift = withoutGradients { marginal.max() }.scalar
        let logMeanExp = (marginal - shift).exp().mean().log() + shift
        return joint.mean() - logMeanExp
    }

    /// A permutation of 0..<n with no fixed point (n ≥ 2): a uniform cyclic shift by 1…n−1 of a random
    /// order, so every x is paired with another sample's output.
    public static func derangement(_ n: Int, random: inout RandomGenerator) -> [Int] {
        precondition(n >= 2, "MINE needs a batch of at least 2")
        let order = random.permutation(n)
        let shift = 1 + random.integer(below: n - 1)
        var result = [Int](repeating: 0, count: n)
        for k in 0..<n { result[order[k]] = order[(k + shift) % n] }
        return result
    }

    /// Î for embeddings of inputs and outputs [B, D] under `statistics`, marginals by `pairing`.
    public static func estimate(inputs: Tensor, outputs: Tensor, statistics: MINEStatisticsNetwork, pairing: [Int]) -> Tensor {
        let a = MutualPerceptualInformation.normalized(inputs), b = MutualPerceptualInformation.normalized(outputs)
        let shuffled = Tensor.concatenate(pairing.map { b.slice(axis: 0, $0..<($0 + 1)) }, axis: 0)
        return donskerVaradhan(joint: statistics(a, b), marginal: statistics(a, shuffled))
    }
}
