/// im2col and its adjoint col2im: the patch matrix of a convolution (one row per input channel and
/// kernel tap, one column per output pixel) and the scatter-add back onto the image.
extension Convolution {
    /// cols[(c·kh + i)·kw + j][r·Wo + ow] (row stride `ldc`) = x[c][(oh0 + r)·s − p + i·d][ow·s − p + j·d] (0 outside).
    static func im2col(_ x: UnsafePointer<Float>, _ g: Conv2DGeometry, rows oh0: Int, _ oh1: Int,
                       _ cols: UnsafeMutablePointer<Float>, ldc n: Int, channels: Range<Int>? = nil) {
        let wo = g.outWidth, nRows = oh1 - oh0
        for c in channels ?? 0..<g.inChannels {
            let plane = x + c * g.inPlane
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let dst = cols + ((c * g.kernelHeight + i) * g.kernelWidth + j) * n
                    let dx = j * g.dilationW - g.padW
                    // Valid output columns: 0 <= ow·s + dx < W.
                    let owLo = max(0, (-dx + g.strideW - 1) / g.strideW)
                    let owHi = min(wo, (g.inWidth - dx + g.strideW - 1) / g.strideW)
                    for r in 0..<nRows {
                        let iy = (oh0 + r) * g.strideH - g.padH + i * g.dilationH
                        let row = dst + r * wo
                        if iy < 0 || iy >= g.inHeight || owLo >= owHi {
                            row.update(repeating: 0, count: wo)
                            continue
                        }
                        if owLo > 0 { row.update(repeating: 0, count: owLo) }
                        if owHi < wo { (row + owHi).update(repeating: 0, count: wo - owHi) }
                        let srow = plane + iy * g.inWidth + dx
                        if g.strideW == 1 {
                            (row + owLo).update(from: srow + owLo, count: owHi - owLo)
                        } else {
                            let s = g.strideW
                            for ow in owLo..<owHi { row[ow] = srow[ow * s] }
                        }
                    }
                }
            }
        }
    }

    /// Adjoint of `im2col`: x[...] += cols[...].
    static func col2im(_ cols: UnsafePointer<Float>, _ g: Conv2DGeometry, rows oh0: Int, _ oh1: Int,
                       _ x: UnsafeMutablePointer<Float>, ldc n: Int, channels: Range<Int>? = nil) {
        let wo = g.outWidth, nRows = oh1 - oh0
        for c in channels ?? 0..<g.inChannels {
            let plane = x + c * g.inPlane
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let src = cols + ((c * g.kernelHeight + i) * g.kernelWidth + j) * n
                    let dx = j * g.dilationW - g.padW
                    let owLo = max(0, (-dx + g.strideW - 1) / g.strideW)
                    let owHi = min(wo, (g.inWidth - dx + g.strideW - 1) / g.strideW)
                    if owLo >= owHi { continue }
                    for r in 0..<nRows {
                        let iy = (oh0 + r) * g.strideH - g.padH + i * g.dilationH
                        if iy < 0 || iy >= g.inHeight { continue }
                        let row = src + r * wo
                        let drow = plane + iy * g.inWidth + dx
                        if g.strideW == 1 {
                            for ow in owLo..<owHi { drow[ow] += row[ow] }
                        } else {
                            let s = g.strideW
                            for ow in owLo..<owHi { drow[ow * s] += row[ow] }
                        }
                    }
                }
            }
        }
    }
}
