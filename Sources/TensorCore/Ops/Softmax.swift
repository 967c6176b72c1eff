/// log-softmax along `axis`, composed as x − (m + log Σ exp(x − m)) with m = max(x) held constant
/// (the shift cancels in the gradient, so holding it constant is exact).
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    let a = Shape.axis(axis, rank: x.rank, op: "logSoftmax", shape: x.shape)
    let m = withoutGradients { x.max(axes: [a], keepingDims: true) }
    let shifted = x - m
    return shifted - shifted.exp().sum(axes: [a], keepingDims: true).log()
}

/// softmax along `axis`.
public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    logSoftmax(x, axis: axis).exp()
}
