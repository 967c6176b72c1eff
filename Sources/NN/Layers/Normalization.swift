import TensorCore

/// How affine normalisation scales start. PyTorch ≥ 1.2 sets γ = 1; PyTorch ≤ 1.1 (which StarGAN's
/// original runs used) drew γ ~ U(0, 1). A config names its choice.
public enum AffineInit: String, Codable, Sendable {
    case ones
    case uniform01
}

/// `nn.InstanceNorm2d`. Normalises with per-instance statistics in every mode, which is how
/// StarGAN and CycleGAN use it; with `trackRunningStats` it still keeps the running buffers (they
/// are part of StarGAN's checkpoints) and updates the running mean and variance in training mode, as
/// PyTorch does. `num_batches_tracked` is kept but never incremented: PyTorch increments it only in
/// `_BatchNorm.forward`, so a PyTorch InstanceNorm checkpoint always holds 0 there.
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
        let (y, mean, variance) = instanceNormWithStatistics(x, weight: weight?.value, bias: bias?.value, eps: eps)
        if isTraining, let runningMean, let runningVar {
            // PyTorch averages the per-instance statistics (variance unbiased) over the batch.
            let (n, c) = (x.shape[0], x.shape[1])
            let plane = Float(x.count / (n * c))
            let correction = plane > 1 ? plane / (plane - 1) : 1
            var m = [Float](repeating: 0, count: c), v = m
            for i in 0..<n {
                for j in 0..<c {
                    m[j] += mean[i * c + j] / Float(n)
                    v[j] += variance[i * c + j] * correction / Float(n)
                }
            }
            withoutGradients {
                runningMean.value = runningMean.value.scaled(by: 1 - momentum) + Tensor(shape: [c], scalars: m).scaled(by: momentum)
                runningVar.value = runningVar.value.scaled(by: 1 - momentum) + Tensor(shape: [c], scalars: v).scaled(by: momentum)
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
