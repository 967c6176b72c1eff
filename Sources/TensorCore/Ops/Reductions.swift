import Kernels

extension Tensor {
    func normalizedAxes(_ axes: [Int], op: String) -> [Int] {
        let a = axes.map { Shape.axis($0, rank: rank, op: op, shape: shape) }
        return Array(Set(a)).sorted()
    }

    func reducedShape(_ axes: [Int], keepingDims: Bool) -> [Int] {
        var out: [Int] = []
        for d in 0..<rank {
            if axes.contains(d) { if keepingDims { out.append(1) } } else { out.append(shape[d]) }
        }
        return out
    }

    /// Sum over `axes` (all axes when empty is not intended: use `sum()`).
    public func sum(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let ax = normalizedAxes(axes, op: "sum")
        let keptShape = reducedShape(ax, keepingDims: true)
        let r = sum(toShape: keptShape)
        return keepingDims ? r : r.reshaped(reducedShape(ax, keepingDims: false))
    }

    /// Sum of all elements (rank-0 result).
    public func sum() -> Tensor { sum(toShape: [Int](repeating: 1, count: rank)).reshaped([]) }

    public func mean(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let ax = normalizedAxes(axes, op: "mean")
        let n = ax.reduce(1) { $0 * shape[$1] }
        return sum(axes: ax, keepingDims: keepingDims).scaled(by: 1 / Float(n))
    }

    public func mean() -> Tensor { sum().scaled(by: 1 / Float(Swift.max(count, 1))) }

    /// Biased variance over `axes` (divides by n), as used by normalisation layers.
    public func variance(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let m = mean(axes: axes, keepingDims: true)
        return (self - m).squared().mean(axes: axes, keepingDims: keepingDims)
    }

    /// Maximum over `axes`. The gradient goes to the first maximal element of each group (as
    /// PyTorch's `max(dim)`), through a scatter whose own backward is a gather.
    public func max(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let ax = normalizedAxes(axes, op: "max")
        let keptShape = reducedShape(ax, keepingDims: true)
        let out = Tensor(uninitializedShape: keptShape)
        var indices = [Int](repeating: 0, count: out.count)
        indices.withUnsafeMutableBufferPointer { idx in
            Reduce.max(pointer, shape: shape, axes: Set(ax), into: out.pointer, argmax: idx.baseAddress!)
        }
        let index = FlatIndex(indices)
        let inputShape = shape
        let r = Tensor.record("max", out, inputs: [self]) { g, _ in [g.scatterAdd(index, into: inputShape)] }
        return keepingDims ? r : r.reshaped(reducedShape(ax, keepingDims: false))
    }

    public func max() -> Tensor { max(axes: Array(0..<rank)) }

    /// Euclidean norm over `axes`. Where the norm is 0 the gradient is 0 (PyTorch's `norm`
    /// subgradient), instead of the 0/0 of sqrt(Σx²); the WGAN-GP penalty relies on it.
    public func l2Norm(axes: [Int], keepingDims: Bool = false) -> Tensor {
        let ax = normalizedAxes(axes, op: "l2Norm")
        let norm = withoutGradients { squared().sum(axes: ax, keepingDims: true).sqrt() }
        let keptShape = norm.shape
        let out = Tensor.record("l2Norm", norm.detached(), inputs: [self]) { g, _ in
            let n = GradMode.isEnabled ? self.squared().sum(axes: ax, keepingDims: true).sqrt() : norm
            let zeroMask = n.constantMap { $0 == 0 ? 1 : 0 }
            return [g.reshaped(keptShape) * self / (n + zeroMask)]
        }
        return keepingDims ? out : out.reshaped(reducedShape(ax, keepingDims: false))
    }
}
