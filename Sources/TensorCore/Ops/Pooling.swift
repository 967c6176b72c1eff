import Kernels

extension Tensor {
    func poolGeometry(_ op: String, kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int), ceilMode: Bool) -> Pool2DGeometry {
        if rank != 4 { ShapeError.fail(op, "expects NCHW input, got \(describe(shape))") }
        let s = stride ?? kernel
        if padding.0 * 2 > kernel.0 || padding.1 * 2 > kernel.1 {
            ShapeError.fail(op, "padding \(padding) must be at most half the kernel \(kernel)")
        }
        let g = Pool2DGeometry(planes: shape[0] * shape[1], inHeight: shape[2], inWidth: shape[3],
                               kernelH: kernel.0, kernelW: kernel.1, strideH: s.0, strideW: s.1,
                               padH: padding.0, padW: padding.1, ceilMode: ceilMode)
        if g.outHeight < 1 || g.outWidth < 1 {
            ShapeError.fail(op, "input \(describe(shape)) is smaller than the window \(kernel)")
        }
        return g
    }
}

/// Max pooling (PyTorch `max_pool2d`, ceil mode supported). Backward scatters to the argmax.
public func maxPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil,
                      padding: (Int, Int) = (0, 0), ceilMode: Bool = false) -> Tensor {
    let g = x.poolGeometry("maxPool2d", kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode)
    let outShape = [x.shape[0], x.shape[1], g.outHeight, g.outWidth]
    let y = Tensor(uninitializedShape: outShape)
    var indices = [Int](repeating: 0, count: y.count)
    indices.withUnsafeMutableBufferPointer { Pooling.maxForward(x.pointer, g, y.pointer, $0.baseAddress!) }
    let index = FlatIndex(indices)
    return Tensor.record("maxPool2d", y, inputs: [x]) { dy, _ in [dy.scatterAdd(index, into: x.shape)] }
}

/// Average pooling (PyTorch `avg_pool2d`: `countIncludePad` chooses the divisor at the borders).
public func avgPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil,
                      padding: (Int, Int) = (0, 0), ceilMode: Bool = false, countIncludePad: Bool = true) -> Tensor {
    let g = x.poolGeometry("avgPool2d", kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode)
    return Tensor.averagePool(x, g, countIncludePad: countIncludePad)
}

extension Tensor {
    static func averagePool(_ x: Tensor, _ g: Pool2DGeometry, countIncludePad: Bool) -> Tensor {
        let y = Tensor(uninitializedShape: [x.shape[0], x.shape[1], g.outHeight, g.outWidth])
        Pooling.average(g, countIncludePad: countIncludePad, input: x.pointer, output: y.pointer, adjoint: false)
        return record("avgPool2d", y, inputs: [x]) { dy, _ in [averagePoolAdjoint(dy, g, countIncludePad, x.shape)] }
    }

    static func averagePoolAdjoint(_ dy: Tensor, _ g: Pool2DGeometry, _ countIncludePad: Bool, _ inputShape: [Int]) -> Tensor {
        let dx = Tensor(uninitializedShape: inputShape)
        Pooling.average(g, countIncludePad: countIncludePad, input: dx.pointer, output: dy.pointer, adjoint: true)
        return record("avgPool2dAdjoint", dx, inputs: [dy]) { gx, _ in [averagePool(gx, g, countIncludePad: countIncludePad)] }
    }
}

/// Mean over the spatial axes, keeping them as 1×1 (`AdaptiveAvgPool2d(1)`).
public func globalAvgPool2d(_ x: Tensor) -> Tensor {
    if x.rank != 4 { ShapeError.fail("globalAvgPool2d", "expects NCHW input, got \(describe(x.shape))") }
    return x.mean(axes: [2, 3], keepingDims: true)
}
