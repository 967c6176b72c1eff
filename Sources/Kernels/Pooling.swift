/// Window geometry of 2-D pooling with PyTorch's output-size rule (ceil mode included).
public struct Pool2DGeometry: Hashable, Sendable {
    public var planes: Int
    public var inHeight: Int
    public var inWidth: Int
    public var kernelH: Int
    public var kernelW: Int
    public var strideH: Int
    public var strideW: Int
    public var padH: Int
    public var padW: Int
    public var ceilMode: Bool

    public init(planes: Int, inHeight: Int, inWidth: Int, kernelH: Int, kernelW: Int,
                strideH: Int, strideW: Int, padH: Int, padW: Int, ceilMode: Bool) {
        self.planes = planes; self.inHeight = inHeight; self.inWidth = inWidth
        self.kernelH = kernelH; self.kernelW = kernelW; self.strideH = strideH; self.strideW = strideW
        self.padH = padH; self.padW = padW; self.ceilMode = ceilMode
    }

    /// PyTorch `pooling_output_shape`: with ceil mode the last window must start inside the
    /// (left-padded) input.
    static func outSize(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ ceil: Bool) -> Int {
        let span = n + 2 * p - k
        var out = (ceil ? (span + s - 1) / s : span / s) + 1
        if ceil && (out - 1) * s >= n + p { out -= 1 }
        return out
    }

    public var outHeight: Int { Self.outSize(inHeight, kernelH, strideH, padH, ceilMode) }
    public var outWidth: Int { Self.outSize(inWidth, kernelW, strideW, padW, ceilMode) }
}

public enum Pooling {
    /// Max pooling; `indices` receive flat indices into the whole input buffer (padding never wins).
    public static func maxForward(_ x: UnsafePointer<Float>, _ g: Pool2DGeometry,
                                  _ y: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int>) {
        let ho = g.outHeight, wo = g.outWidth
        Parallel.forEach(g.planes, minimumPerWorker: max(1, 8192 / max(1, ho * wo * g.kernelH * g.kernelW))) { p in
            let xp = x + p * g.inHeight * g.inWidth
            let base = p * g.inHeight * g.inWidth
            for oy in 0..<ho {
                let y0 = oy * g.strideH - g.padH
                let ya = max(0, y0), yb = min(g.inHeight, y0 + g.kernelH)
                for ox in 0..<wo {
                    let x0 = ox * g.strideW - g.padW
                    let xa = max(0, x0), xb = min(g.inWidth, x0 + g.kernelW)
                    var best = -Float.infinity
                    var bestIndex = ya * g.inWidth + xa
                    for iy in ya..<yb {
                        for ix in xa..<xb {
                            let v = xp[iy * g.inWidth + ix]
                            if v > best || v.isNaN { best = v; bestIndex = iy * g.inWidth + ix; if v.isNaN { break } }
                        }
                    }
                    let o = (p * ho + oy) * wo + ox
                    y[o] = best
                    indices[o] = base + bestIndex
                }
            }
        }
    }

    /// Backward of max pooling: dx[indices[o]] += dy[o], planes in parallel (indices never cross planes).
    public static func maxBackward(_ dy: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ g: Pool2DGeometry,
                                   _ dx: UnsafeMutablePointer<Float>) {
        let outPlane = g.outHeight * g.outWidth
        Elementwise.fill(dx, count: g.planes * g.inHeight * g.inWidth, value: 0)
        Parallel.forEachChunk(g.planes, minimumPerWorker: max(1, 8192 / max(1, outPlane))) { r in
            for o in (r.lowerBound * outPlane)..<(r.upperBound * outPlane) { dx[indices[o]] += dy[o] }
        }
    }

    /// Average pooling (PyTorch semantics: the divisor counts padded positions inside the padded
    /// image when `countIncludePad`, otherwise only real pixels). `adjoint` computes the backward:
    /// dx (overwritten) from dy.
    public static func average(_ g: Pool2DGeometry, countIncludePad: Bool,
                               input x: UnsafeMutablePointer<Float>, output y: UnsafeMutablePointer<Float>,
                               adjoint: Bool) {
        let ho = g.outHeight, wo = g.outWidth, h = g.inHeight, w = g.inWidth
        if adjoint { Elementwise.fill(x, count: g.planes * h * w, value: 0) }
        Parallel.forEach(g.planes, minimumPerWorker: max(1, 8192 / max(1, ho * wo * g.kernelH * g.kernelW))) { p in
            let xp = x + p * h * w, yp = y + p * ho * wo
            for oy in 0..<ho {
                let y0 = oy * g.strideH - g.padH
                let yEndPadded = min(y0 + g.kernelH, h + g.padH)
                let ya = max(0, y0), yb = min(h, y0 + g.kernelH)
                for ox in 0..<wo {
                    let x0 = ox * g.strideW - g.padW
                    let xEndPadded = min(x0 + g.kernelW, w + g.padW)
                    let xa = max(0, x0), xb = min(w, x0 + g.kernelW)
                    let divisor = countIncludePad ? (yEndPadded - y0) * (xEndPadded - x0) : (yb - ya) * (xb - xa)
                    let scale = divisor > 0 ? 1 / Float(divisor) : 0
                    if adjoint {
                        let v = yp[oy * wo + ox] * scale
                        for iy in ya..<yb { for ix in xa..<xb { xp[iy * w + ix] += v } }
                    } else {
                        var acc: Float = 0
                        for iy in ya..<yb { for ix in xa..<xb { acc += xp[iy * w + ix] } }
                        yp[oy * wo + ox] = acc * scale
                    }
                }
            }
        }
    }
}
