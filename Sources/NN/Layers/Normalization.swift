import TensorCore

/// How affine normalisation scales start. PyTorch ≥ 1.2 sets γ = 1; PyTorch ≤ 1.1 (which StarGAN's
/// original runs used) drew γ ~ U(0, 1). A config names its choice.
public enum AffineInit: String, Codable, Sendable {
    case ones
    case uniform01
}

/// `nn.InstanceNorm2d`. Normalises with per-instance statistics in every mode, which is how
/// StarGAN and CycleGAN use it; with `trackRunningStats` it still keeps the running buffers (they
/// are part of StarGAN's checkpoints) and updates them in training mode, as PyTorch does.
public final class InstanceNorm2d: Module {
    public let weight: Parameter?
    public let bias: Parameter?
    public let runningMean: Buffer?
    public let runningVar: Buffer?
    public let numBatchesTracked: Buffer?
    public let eps: Float
    public let momentum: Float

    public init(_ channels: Int, affine: Bool = false, trackRunningStats: Bool = false, eps: Float = 1e-5,
                momentum: Float = 0.1, affineInit: AffineInit = .ones, generator: inout RandomGenerator) {
        switch (affine, affineInit) {
        case (false, _): weight = nil
        case (true, .ones): weight = Parameter(Tensor.ones([channels]))
        case (true, .uniform01): weight = Parameter(Tensor.uniform([channels], generator: &generator))
        }
        bias = affine ? Parameter(Tensor.zeros([channels])) : nil
        runningMean = trackRunningStats ? Buffer(Tensor.zeros([channels])) : nil
        runningVar = trackRunningStats ? Buffer(Tensor.ones([channels])) : nil
        numBatchesTracked = trackRunningStats ? Buffer(Tensor.zeros([])) : nil
        self.eps = eps
        self.momentum = momentum
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let y = instanceNorm(x, weight: weight?.value, bias: bias?.value, eps: eps)
        if isTraining, let runningMean, let runningVar, let numBatchesTracked {
            // PyTorch averages the per-instance statistics over the batch before the update.
            withoutGradients {
                let m = x.mean(axes: [2, 3]).mean(axes: [0])
                let n = Float(x.shape[2] * x.shape[3])
                let v = x.variance(axes: [2, 3]).scaled(by: n / Swift.max(n - 1, 1)).mean(axes: [0])
                runningMean.value = runningMean.value.scaled(by: 1 - momentum) + m.scaled(by: momentum)
                runningVar.value = runningVar.value.scaled(by: 1 - momentum) + v.scaled(by: momentum)
                numBatchesTracked.value = numBatchesTracked.value.shifted(by: 1)
            }
        }
        return y
    }
}

/// `nn.BatchNorm2d` (also accepts [N, C] input as `BatchNorm1d`): batch statistics in training
/// mode (and running estimates updated with `momentum`), running statistics in evaluation mode.
public final class BatchNorm2d: Module {
    public let weight: Parameter?
    public let bias: Parameter?
    public let runningMean: Buffer
    public let runningVar: Buffer
    public let numBatchesTracked: Buffer
    public let eps: Float
    public let momentum: Float

    public init(_ channels: Int, eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true) {
        weight = affine ? Parameter(Tensor.ones([channels])) : nil
        bias = affine ? Parameter(Tensor.zeros([channels])) : nil
        runningMean = Buffer(Tensor.zeros([channels]))
        runningVar = Buffer(Tensor.ones([channels]))
        numBatchesTracked = Buffer(Tensor.zeros([]))
        self.eps = eps
        self.momentum = momentum
    }

    public override func forward(_ x: Tensor) -> Tensor {
        guard isTraining else {
            return batchNormInference(x, runningMean: runningMean.value, runningVariance: runningVar.value,
                                      weight: weight?.value, bias: bias?.value, eps: eps)
        }
        let out = batchNormTraining(x, weight: weight?.value, bias: bias?.value, eps: eps)
        let c = x.shape[1]
        let m = Tensor(shape: [c], scalars: out.batchMean)
        let v = Tensor(shape: [c], scalars: out.batchVarianceUnbiased)
        withoutGradients {
            runningMean.value = runningMean.value.scaled(by: 1 - momentum) + m.scaled(by: momentum)
            runningVar.value = runningVar.value.scaled(by: 1 - momentum) + v.scaled(by: momentum)
            numBatchesTracked.value = numBatchesTracked.value.shifted(by: 1)
        }
        return out.output
    }
}
