import Datasets
import NN
import TensorCore

/// What a method is to the trainer: its networks and optimisers (everything a checkpoint must hold),
/// one training step on a batch, and translation for samples and evaluation. The trainer owns the
/// rest (data, schedules, checkpoints, logging, samples, stops), so a method file is its paper's
/// losses and nothing else (`style.md`, "Training code").
public protocol TrainingMethod: AnyObject {
    /// Stateful modules by checkpoint name (`G`, `D`, an image pool), in a fixed order.
    var checkpointModules: [(name: String, module: Module)] { get }
    /// Optimisers by checkpoint name, each with the module whose parameters it updates. Their
    /// `learningRate` at construction is the base rate the trainer's schedule scales.
    var optimizers: [(name: String, optimizer: Adam, module: Module)] { get }
    /// The columns of `losses.csv`, in order (upstream's log names, e.g. `D/loss_real`).
    var lossNames: [String] { get }
    /// One training iteration on `batch`. Every random choice (target labels, GP α, pool picks)
    /// comes from `random`, which the trainer derives from (seed, iteration) so a resumed run draws
    /// the same numbers. Returns the losses computed in this iteration (a subset of `lossNames`).
    func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float]
    /// Images [N, 3, H, W] in [−1, 1] with labels `sourceLabels` translated to `targetLabels` [N, L]
    /// (no gradients recorded). Single-generator methods ignore the source labels; pairwise ones
    /// (CycleGAN) need them to pick the model and its direction.
    func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor
}
