import Kernels

// Convolution as three kernels that are each other's adjoints (the Swift for TensorFlow scheme):
//   A: y = conv(x, w)            dx = B(dy, w)          dw = C(x, dy)
//   B: x = convᵀ(y, w)           dy = A(dx, w)          dw = C(dx, y)
//   C: w = C(x, dy)              dx = B(dy, dw)         d(dy) = A(x, dw)
// so every backward is again made of A, B and C and differentiable to any order; a transposed
// convolution is B with the geometry of the convolution it transposes.

extension Tensor {
    static func convForward(_ x: Tensor, _ w: Tensor, _ g: Conv2DGeometry) -> Tensor {
        let y = Tensor(uninitializedShape: [g.batch, g.outChannels, g.outHeight, g.outWidth])
        Convolution.forward(input: x.pointer, weight: w.pointer, output: y.pointer, geometry: g)
        return record("conv2d", y, inputs: [x, w]) { dy, needs in
            [needs[0] ? convBackwardInput(dy, w, g) : nil, needs[1] ? convBackwardWeight(x, dy, g) : nil]
        }
    }

    static func convBackwardInput(_ dy: Tensor, _ w: Tensor, _ g: Conv2DGeometry) -> Tensor {
        let dx = Tensor(uninitializedShape: [g.batch, g.inChannels, g.inHeight, g.inWidth])
        Convolution.backwardInput(gradOutput: dy.pointer, weight: w.pointer, gradInput: dx.pointer, geometry: g)
        return record("convTranspose2d", dx, inputs: [dy, w]) { gx, needs in
            [needs[0] ? convForward(gx, w, g) : nil, needs[1] ? convBackwardWeight(gx, dy, g) : nil]
        }
    }

    static func convBackwardWeight(_ x: Tensor, _ dy: Tensor, _ g: Conv2DGeometry) -> Tensor {
        let dw = Tensor(uninitializedShape: [g.outChannels, g.inChannels, g.kernelHeight, g.kernelWidth])
        Convolution.backwardWeight(input: x.pointer, gradOutput: dy.pointer, gradWeight: dw.pointer, geometry: g)
        return record("conv2dWeightGradient", dw, inputs: [x, dy]) { gw, needs in
            [needs[0] ? convBackwardInput(dy, gw, g) : nil, needs[1] ? convForward(x, gw, g) : nil]
        }
    }
}

/// 2-D convolution, NCHW input, weight [out, in, kh, kw] (PyTorch layout), zero padding.
public func conv2d(_ x: Tensor, weight w: Tensor, bias: Tensor? = nil,
                   stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1)) -> Tensor {
    if x.rank != 4 || w.rank != 4 || x.shape[1] != w.shape[1] {
        ShapeError.fail("conv2d", "input \(describe(x.shape)) (NCHW) does not match weight \(describe(w.shape)) ([out, in, kh, kw])")
    }
    let g = Conv2DGeometry(batch: x.shape[0], inChannels: x.shape[1], inHeight: x.shape[2], inWidth: x.shape[3],
                           outChannels: w.shape[0], kernelHeight: w.shape[2], kernelWidth: w.shape[3],
                           strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
                           dilationH: dilation.0, dilationW: dilation.1)
    if g.outHeight < 1 || g.outWidth < 1 {
        ShapeError.fail("conv2d", "input \(describe(x.shape)) is smaller than the kernel \(describe(w.shape)) with padding \(padding)")
    }
    let y = Tensor.convForward(x, w, g)
    guard let bias else { return y }
    return y + bias.reshaped([1, g.outChannels, 1, 1])
}

/// 2-D transposed convolution, weight [in, out, kh, kw] (PyTorch `ConvTranspose2d` layout).
/// Output size (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1.
public func convTranspose2d(_ x: Tensor, weight w: Tensor, bias: Tensor? = nil,
                            stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                            outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1)) -> Tensor {
    if x.rank != 4 || w.rank != 4 || x.shape[1] != w.shape[0] {
        ShapeError.fail("convTranspose2d", "input \(describe(x.shape)) (NCHW) does not match weight \(describe(w.shape)) ([in, out, kh, kw])")
    }
    if outputPadding.0 >= max(stride.0, dilation.0) || outputPadding.1 >= max(stride.1, dilation.1) {
        ShapeError.fail("convTranspose2d", "output padding \(outputPadding) must be smaller than stride \(stride) or dilation \(dilation)")
    }
    let outH = (x.shape[2] - 1) * stride.0 - 2 * padding.0 + dilation.0 * (w.shape[2] - 1) + outputPadding.0 + 1
    let outW = (x.shape[3] - 1) * stride.1 - 2 * padding.1 + dilation.1 * (w.shape[3] - 1) + outputPadding.1 + 1
    // The convolution this transposes maps [N, out, outH, outW] → [N, in, H, W].
    let g = Conv2DGeometry(batch: x.shape[0], inChannels: w.shape[1], inHeight: outH, inWidth: outW,
                           outChannels: w.shape[0], kernelHeight: w.shape[2], kernelWidth: w.shape[3],
                           strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
                           dilationH: dilation.0, dilationW: dilation.1)
    if outH < 1 || outW < 1 || g.outHeight != x.shape[2] || g.outWidth != x.shape[3] {
        ShapeError.fail("convTranspose2d", "input \(describe(x.shape)) with weight \(describe(w.shape)), stride \(stride), padding \(padding) gives no valid output")
    }
    let y = Tensor.convBackwardInput(x, w, g)
    guard let bias else { return y }
    return y + bias.reshaped([1, g.inChannels, 1, 1])
}
