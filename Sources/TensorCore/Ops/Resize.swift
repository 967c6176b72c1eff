import Kernels

/// Pixel shuffle with PyTorch's channel order: out[n, c, h·r + i, w·r + j] = in[n, c·r² + i·r + j, h, w].
public func pixelShuffle(_ x: Tensor, upscale r: Int) -> Tensor {
    if x.rank != 4 || x.shape[1] % (r * r) != 0 {
        ShapeError.fail("pixelShuffle", "input \(describe(x.shape)) needs NCHW with channels divisible by \(r * r)")
    }
    let (n, c, h, w) = (x.shape[0], x.shape[1] / (r * r), x.shape[2], x.shape[3])
    return x.reshaped([n, c, r, r, h, w]).permuted([0, 1, 4, 2, 5, 3]).reshaped([n, c, h * r, w * r])
}

/// Inverse of `pixelShuffle`.
public func pixelUnshuffle(_ x: Tensor, downscale r: Int) -> Tensor {
    if x.rank != 4 || x.shape[2] % r != 0 || x.shape[3] % r != 0 {
        ShapeError.fail("pixelUnshuffle", "input \(describe(x.shape)) needs NCHW with H, W divisible by \(r)")
    }
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2] / r, x.shape[3] / r)
    return x.reshaped([n, c, h, r, w, r]).permuted([0, 1, 3, 5, 2, 4]).reshaped([n, c * r * r, h, w])
}

public enum NearestMode: Sendable {
    /// PyTorch `mode='nearest'`: src = floor(dst · in/out).
    case legacy
    /// PyTorch `mode='nearest-exact'` (half-pixel): src = floor((dst + 0.5) · in/out).
    case halfPixel
}

/// Nearest-neighbour resize of the spatial axes (a gather; backward scatters).
public func resizeNearest(_ x: Tensor, height: Int, width: Int, mode: NearestMode = .legacy) -> Tensor {
    if x.rank != 4 { ShapeError.fail("resizeNearest", "expects NCHW input, got \(describe(x.shape))") }
    let (planes, h, w) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    let rows = Resize.nearestIndices(input: h, output: height, halfPixel: mode == .halfPixel)
    let cols = Resize.nearestIndices(input: w, output: width, halfPixel: mode == .halfPixel)
    var index = [Int]()
    index.reserveCapacity(planes * height * width)
    for p in 0..<planes {
        for r in rows { for c in cols { index.append(p * h * w + r * w + c) } }
    }
    return x.gathered(FlatIndex(index), shape: [x.shape[0], x.shape[1], height, width])
}

/// Bilinear resize with half-pixel centres (PyTorch `align_corners=False`, no antialiasing).
public func resizeBilinear(_ x: Tensor, height: Int, width: Int) -> Tensor {
    if x.rank != 4 { ShapeError.fail("resizeBilinear", "expects NCHW input, got \(describe(x.shape))") }
    return Tensor.bilinear(x, height: height, width: width)
}

extension Tensor {
    static func bilinear(_ x: Tensor, height: Int, width: Int) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = Tensor(uninitializedShape: [n, c, height, width])
        Resize.bilinear(planes: n * c, inHeight: h, inWidth: w, outHeight: height, outWidth: width,
                        input: x.pointer, output: y.pointer, adjoint: false)
        return record("resizeBilinear", y, inputs: [x]) { g, _ in [bilinearAdjoint(g, inputShape: x.shape)] }
    }

    static func bilinearAdjoint(_ g: Tensor, inputShape: [Int]) -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let dx = Tensor(uninitializedShape: inputShape)
        Resize.bilinear(planes: n * c, inHeight: h, inWidth: w, outHeight: g.shape[2], outWidth: g.shape[3],
                        input: dx.pointer, output: g.pointer, adjoint: true)
        return record("resizeBilinearAdjoint", dx, inputs: [g]) { gg, _ in
            [bilinear(gg, height: g.shape[2], width: g.shape[3])]
        }
    }
}
