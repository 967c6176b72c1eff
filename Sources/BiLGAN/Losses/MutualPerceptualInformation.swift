import Foundation
import TensorCore

/// The mutual perceptual information term (paper Eq. 6–8, `bilgan-method.md`): an InfoNCE lower bound
/// on the information the translated face keeps about the input face, in a frozen face recogniser's
/// embedding φ, with the batch's other outputs as negatives.
public enum MutualPerceptualInformation {
    /// φ scaled to unit L2 norm per row ([B, D] → [B, D]).
    public static func normalized(_ embedding: Tensor) -> Tensor {
        precondition(embedding.rank == 2, "embedding \(embedding.shape), expected [B, D]")
        let norms = embedding.l2Norm(axes: [1], keepingDims: true).clamped(min: 1e-12)
        return embedding / norms.expanded(to: embedding.shape)
    }

    /// Critic scores S[i, j] = f(x_i, y_j) = −‖φ̂(x_i) − φ̂(y_j)‖₂ on normalised embeddings: [B, B].
    /// **Decision (critic)**: the negative distance, since the paper's T_ω is a distance and InfoNCE
    /// needs a score that is high for matching pairs. `l2Norm` has a zero gradient at 0 (x_i = y_i).
    public static func criticScores(inputs: Tensor, outputs: Tensor) -> Tensor {
        precondition(inputs.shape == outputs.shape, "critic: input embeddings \(inputs.shape) vs outputs \(outputs.shape)")
        let (b, d) = (inputs.shape[0], inputs.shape[1])
        let a = normalized(inputs).reshaped([b, 1, d]).expanded(to: [b, b, d])
        let c = normalized(outputs).reshaped([1, b, d]).expanded(to: [b, b, d])
        return -(a - c).l2Norm(axes: [2])
    }

    /// Î = mean_i [f(x_i, y_i)/τ − log Σ_j exp f(x_i, y_j)/τ] + log B (InfoNCE, in-batch negatives); the
    /// loss is L_mp = −Î. Bounded above by log B; 0 when the critic cannot tell pairs apart.
    /// `criticTemperature` τ (1 in the profiles): f lies in [−2, 0], so at τ = 1 the softmax over the batch
    /// is nearly uniform and the term pulls gently; contrastive estimators often use τ ≈ 0.1 (SimCLR).
    public static func infoNCE(inputs: Tensor, outputs: Tensor, temperature: Float = 1) -> Tensor {
        let scores = criticScores(inputs: inputs, outputs: outputs) * (1 / temperature)
        let b = scores.shape[0]
        let diagonal = Tensor(shape: [b, b], scalars: (0..<(b * b)).map { $0 % (b + 1) == 0 ? 1 : 0 })
        return (logSoftmax(scores, axis: 1) * diagonal).sum() / Float(b) + Float(log(Double(b)))
    }
}
