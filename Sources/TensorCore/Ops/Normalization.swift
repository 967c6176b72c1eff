import Kernels

// Instance and batch normalisation: fused kernels for speed, with the backward computed by the
// fused closed form; when the backward itself is recorded (higher order), the composed graph below
// is differentiated instead, so both paths agree (tested).

extension Tensor {
    /// The composed (unfused) definition: (x − mean)/sqrt(var + eps)·γ + β over `axes`.
    static func normalizeComposite(_ x: Tensor, axes: [Int], eps: Float, weight: Tensor?, bias: Tensor?) -> Tensor {
        let c = x.shape[1]
        let m = x.mean(axes: axes, keepingDims: true)
        let centered = x - m
        let v = centered.squared().mean(axes: axes, keepingDims: true)
        var y = centered / v.shifted(by: eps).sqrt()
        if let weight { y = y * weight.reshaped([1, c, 1, 1]) }
        if let bias { y = y + bias.reshaped([1, c, 1, 1]) }
        return y
    }

    /// Fused normalisation with batch statistics; returns the output and the per-group mean and
    /// biased variance (for running statistics).
    static func normalizeFused(_ op: String, _ x: Tensor, perInstance: Bool, eps: Float,
                               weight: Tensor?, bias: Tensor?) -> (Tensor, mean: [Float], variance: [Float]) {
        if x.rank != 4 && x.rank != 3 && !(x.rank == 2 && !perInstance) {
            ShapeError.fail(op, "expects NCHW (or NCL) input, got \(describe(x.shape))")
        }
        let c = x.shape[1]
        for p in [weight, bias].compactMap({ $0 }) where p.count != c {
            ShapeError.fail(op, "affine parameter of shape \(describe(p.shape)) for \(c) channels of input \(describe(x.shape))")
        }
        let plane = x.shape.dropFirst(2).reduce(1, *)
        let layout = NormLayout(batch: x.shape[0], channels: c, plane: plane, perInstance: perInstance)
        var mean = [Float](repeating: 0, count: layout.groupCount)
        var variance = mean, invStd = mean
        mean.withUnsafeMutableBufferPointer { m in
            variance.withUnsafeMutableBufferPointer { v in
                invStd.withUnsafeMutableBufferPointer { s in
                    Normalization.statistics(x.pointer, layout, eps: eps, mean: m.baseAddress!, variance: v.baseAddress!,
                                             invStd: s.baseAddress!)
                }
            }
        }
        let y = Tensor(uninitializedShape: x.shape)
        Normalization.forward(x.pointer, layout, mean: mean, invStd: invStd,
                              gamma: weight.map { UnsafePointer($0.pointer) }, beta: bias.map { UnsafePointer($0.pointer) },
                              y.pointer)
        let axes = perInstance ? Array(2..<x.rank) : [0] + Array(2..<x.rank)
        var inputs = [x]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        let out = record(op, y, inputs: inputs) { dy, needs in
            if GradMode.isEnabled {
                return compositeBackward(inputs, seed: dy, needs: needs) { a in
                    let w = weight == nil ? nil : a[1]
                    let b = bias == nil ? nil : a[weight == nil ? 1 : 2]
                    return normalizeComposite(a[0], axes: axes, eps: eps, weight: w, bias: b)
                }
            }
            let dx = needs[0] ? Tensor(uninitializedShape: x.shape) : nil
            let dw = weight != nil && needs[1] ? Tensor(uninitializedShape: weight!.shape) : nil
            let db = bias != nil && needs[weight == nil ? 1 : 2] ? Tensor(uninitializedShape: bias!.shape) : nil
            Normalization.backward(dy.pointer, x.pointer, layout, mean: mean, invStd: invStd,
                                   gamma: weight.map { UnsafePointer($0.pointer) }, dx: dx?.pointer,
                                   dGamma: dw?.pointer, dBeta: db?.pointer)
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(dw) }
            if bias != nil { grads.append(db) }
            return grads
        }
        return (out, mean, variance)
    }
}

/// Instance normalisation: statistics per sample and channel, always (as StarGAN's and CycleGAN's
/// `InstanceNorm2d`, whose running statistics are never used by those codes).
public func instanceNorm(_ x: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) -> Tensor {
    Tensor.normalizeFused("instanceNorm", x, perInstance: true, eps: eps, weight: weight, bias: bias).0
}

/// Instance normalisation that also returns the per-(sample, channel) mean and biased variance,
/// row-major [N, C], so a layer can keep running statistics without another pass over the data.
public func instanceNormWithStatistics(_ x: Tensor, weight: Tensor? = nil, bias: Tensor? = nil,
                                       eps: Float = 1e-5) -> (output: Tensor, mean: [Float], variance: [Float]) {
    let r = Tensor.normalizeFused("instanceNorm", x, perInstance: true, eps: eps, weight: weight, bias: bias)
    return (r.0, r.mean, r.variance)
}

/// Result of batch normalisation in training mode: the output and the batch statistics the layer
/// folds into its running estimates (variance unbiased, as PyTorch).
public struct BatchNormOutput {
    public var output: Tensor
    public var batchMean: [Float]
    public var batchVarianceUnbiased: [Float]
}

/// Batch normalisation with batch statistics (training mode).
public func batchNormTraining(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> BatchNormOutput {
    let (y, mean, variance) = Tensor.normalizeFused("batchNorm", x, perInstance: false, eps: eps, weight: weight, bias: bias)
    let n = Float(x.count / x.shape[1])
    let unbiased = variance.map { n > 1 ? $0 * n / (n - 1) : $0 }
    return BatchNormOutput(output: y, batchMean: mean, batchVarianceUnbiased: unbiased)
}

/// Batch normalisation with fixed statistics (evaluation mode): a per-channel affine map.
public func batchNormInference(_ x: Tensor, runningMean: Tensor, runningVariance: Tensor,
                               weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> Tensor {
    let c = x.shape[1]
    let statShape = [1, c] + [Int](repeating: 1, count: x.rank - 2)
    var y = (x - runningMean.reshaped(statShape)) / runningVariance.shifted(by: eps).sqrt().reshaped(statShape)
    if let weight { y = y * weight.reshaped(statShape) }
    if let bias { y = y + bias.reshaped(statShape) }
    return y
}

extension Tensor {
    /// The composed instance/batch norm, public for tests that check the fused kernels against it.
    public static func normalizationReference(_ x: Tensor, perInstance: Bool, weight: Tensor?, bias: Tensor?,
                                              eps: Float = 1e-5) -> Tensor {
        normalizeComposite(x, axes: perInstance ? Array(2..<x.rank) : [0] + Array(2..<x.rank),
                           eps: eps, weight: weight, bias: bias)
    }
}
