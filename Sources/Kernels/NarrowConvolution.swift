/// Direct convolution for layers with very few output channels (≤ 4: the RGB heads of generators,
/// StarGAN's 7×7 64→3, SRGAN's 9×9 64→3), stride 1.
///
/// Through im2col such a layer is a 3-row matrix product over a column matrix k²·C_in tall — a
/// memory-bound outer product that runs at a few percent of peak. Here each output row is computed
/// directly, 16 pixels per SIMD lane group, with the few output channels' accumulators in registers;
/// the input is copied once into a zero-padded buffer so that no tap needs a bounds check.
public enum NarrowConvolution {
    public static let maximumOutputChannels = 4
    typealias Lanes = SIMD16<Float>
    static let lanes = 16

    public static func applicable(_ g: Conv2DGeometry) -> Bool {
        g.outChannels <= maximumOutputChannels && g.strideH == 1 && g.strideW == 1 && g.dilationH == 1
            && g.dilationW == 1 && g.kernelHeight >= 3 && g.kernelWidth >= 3 && g.inChannels >= 4
    }

    /// A zero-padded copy of one image: `channels` planes of `rows` × `stride` floats, the image at (top, left).
    struct PaddedImage {
        let rows: Int, stride: Int, channels: Int
        var planeSize: Int { rows * stride }

        init(height: Int, width: Int, channels: Int, top: Int, bottom: Int, left: Int, right: Int) {
            self.rows = height + top + bottom
            // Room for a full lane group past the last output column.
            self.stride = ((width + left + right + lanes - 1) / lanes + 1) * lanes
            self.channels = channels
        }

        func fill(_ buffer: UnsafeMutablePointer<Float>, from image: UnsafePointer<Float>, height: Int, width: Int,
                  top: Int, left: Int) {
            buffer.update(repeating: 0, count: channels * planeSize)
            for c in 0..<channels {
                for y in 0..<height {
                    (buffer + c * planeSize + (y + top) * stride + left).update(from: image + (c * height + y) * width, count: width)
                }
            }
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, valid: Int) {
        if valid >= lanes { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self) }
        else { for i in 0..<valid { p[i] = v[i] } }
    }

    /// y[co, oy, ox] = Σ_ci Σ_i Σ_j w[co, ci, i, j] · x[ci, oy + i − p, ox + j − p].
    public static func forward(input x: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                               output y: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let (kh, kw, cin, cout) = (g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels)
        let pad = PaddedImage(height: g.inHeight, width: g.inWidth, channels: cin,
                              top: g.padH, bottom: g.padH, left: g.padW, right: g.padW)
        let scratch = ScratchBuffer(count: Parallel.workerCount * cin * pad.planeSize)
        defer { scratch.release() }
        forEachImage(batch: g.batch, pad: pad, scratch: scratch, source: x, height: g.inHeight, width: g.inWidth,
                     top: g.padH, left: g.padW, rows: g.outHeight) { b, xp, rows in
            for oy in rows {
                var ox = 0
                while ox < g.outWidth {
                    var acc = (Lanes(), Lanes(), Lanes(), Lanes())
                    for ci in 0..<cin {
                        for i in 0..<kh {
                            let row = xp + ci * pad.planeSize + (oy + i) * pad.stride + ox
                            let wRow = w + (ci * kh + i) * kw
                            for j in 0..<kw {
                                let v = load(row + j)
                                acc.0 += wRow[j] * v
                                if cout > 1 { acc.1 += wRow[cin * kh * kw + j] * v }
                                if cout > 2 { acc.2 += wRow[2 * cin * kh * kw + j] * v }
                                if cout > 3 { acc.3 += wRow[3 * cin * kh * kw + j] * v }
                            }
                        }
                    }
                    let valid = min(lanes, g.outWidth - ox)
                    let out = y + b * cout * g.outPlane + oy * g.outWidth + ox
                    store(acc.0, out, valid: valid)
                    if cout > 1 { store(acc.1, out + g.outPlane, valid: valid) }
                    if cout > 2 { store(acc.2, out + 2 * g.outPlane, valid: valid) }
                    if cout > 3 { store(acc.3, out + 3 * g.outPlane, valid: valid) }
                    ox += lanes
                }
            }
        }
    }

    /// dx[ci, y, x] = Σ_co Σ_i Σ_j w[co, ci, i, j] · dy[co, y − i + p, x − j + p], as a correlation of dy
    /// padded by k − 1 − p with the flipped kernel; four input channels per pass share the dy loads.
    public static func backwardInput(gradOutput dy: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                                     gradInput dx: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let (kh, kw, cin, cout) = (g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels)
        let (qh, qw) = (kh - 1 - g.padH, kw - 1 - g.padW)
        let pad = PaddedImage(height: g.outHeight, width: g.outWidth, channels: cout, top: qh, bottom: qh, left: qw, right: qw)
        let scratch = ScratchBuffer(count: Parallel.workerCount * cout * pad.planeSize)
        defer { scratch.release() }
        let wStride = cin * kh * kw
        forEachImage(batch: g.batch, pad: pad, scratch: scratch, source: dy, height: g.outHeight, width: g.outWidth,
                     top: qh, left: qw, rows: g.inHeight) { b, dyp, rows in
            for y in rows {
                var ci0 = 0
                while ci0 < cin {
                    let group = min(4, cin - ci0)
                    var x = 0
                    while x < g.inWidth {
                        var acc = (Lanes(), Lanes(), Lanes(), Lanes())
                        for co in 0..<cout {
                            for i in 0..<kh {
                                let row = dyp + co * pad.planeSize + (y + kh - 1 - i) * pad.stride + x + kw - 1
                                let wBase = w + co * wStride + i * kw
                                for j in 0..<kw {
                                    let v = load(row - j)
                                    acc.0 += wBase[ci0 * kh * kw + j] * v
                                    if group > 1 { acc.1 += wBase[(ci0 + 1) * kh * kw + j] * v }
                                    if group > 2 { acc.2 += wBase[(ci0 + 2) * kh * kw + j] * v }
                                    if group > 3 { acc.3 += wBase[(ci0 + 3) * kh * kw + j] * v }
                                }
                            }
                        }
                        let valid = min(lanes, g.inWidth - x)
                        let out = dx + (b * cin + ci0) * g.inPlane + y * g.inWidth + x
                        store(acc.0, out, valid: valid)
                        if group > 1 { store(acc.1, out + g.inPlane, valid: valid) }
                        if group > 2 { store(acc.2, out + 2 * g.inPlane, valid: valid) }
                        if group > 3 { store(acc.3, out + 3 * g.inPlane, valid: valid) }
                        x += lanes
                    }
                    ci0 += 4
                }
            }
        }
    }

    /// dw[co, ci, i, j] = Σ_b Σ_oy Σ_ox dy[co, oy, ox] · x[ci, oy + i − p, ox + j − p]. Parallel over
    /// input channels; per (ci, i) the co × j sums are kept as lane accumulators and reduced at the end.
    public static func backwardWeight(input x: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
                                      gradWeight dw: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let (kh, kw, cin, cout) = (g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels)
        let pad = PaddedImage(height: g.inHeight, width: g.inWidth, channels: cin,
                              top: g.padH, bottom: g.padH, left: g.padW, right: g.padW)
        // dy rows padded to whole lane groups with zeros, so ragged tails contribute nothing.
        let dyStride = (g.outWidth + 7) / 8 * 8
        let xs = ScratchBuffer(count: g.batch * cin * pad.planeSize)
        let dys = ScratchBuffer(count: g.batch * cout * g.outHeight * dyStride)
        defer { xs.release(); dys.release() }
        Parallel.forEach(g.batch) { b in
            pad.fill(xs.pointer + b * cin * pad.planeSize, from: x + b * cin * g.inPlane, height: g.inHeight,
                     width: g.inWidth, top: g.padH, left: g.padW)
            let d = dys.pointer + b * cout * g.outHeight * dyStride
            d.update(repeating: 0, count: cout * g.outHeight * dyStride)
            for r in 0..<(cout * g.outHeight) { (d + r * dyStride).update(from: dy + b * cout * g.outPlane + r * g.outWidth, count: g.outWidth) }
        }
        let wStride = cin * kh * kw
        // One job per input channel, so its padded planes stay in L2 while every (i, co, j) sum is
        // accumulated; along a row, up to eight taps' 8-lane accumulators stay in registers.
        typealias Acc = SIMD8<Float>
        Parallel.forEach(cin) { ci in
            let accumulators = UnsafeMutablePointer<Acc>.allocate(capacity: cout * kh * kw)
            accumulators.initialize(repeating: Acc(), count: cout * kh * kw)
            defer { accumulators.deallocate() }
            for b in 0..<g.batch {
                let xPlane = xs.pointer + (b * cin + ci) * pad.planeSize
                for oy in 0..<g.outHeight {
                    for i in 0..<kh {
                        let xRow = xPlane + (oy + i) * pad.stride
                        for co in 0..<cout {
                            let dyRow = dys.pointer + ((b * cout + co) * g.outHeight + oy) * dyStride
                            var j0 = 0
                            while j0 < kw {
                                let taps = min(8, kw - j0)
                                let acc = accumulators + (co * kh + i) * kw + j0
                                var a0 = acc[0]
                                var a1 = taps > 1 ? acc[1] : Acc(), a2 = taps > 2 ? acc[2] : Acc(), a3 = taps > 3 ? acc[3] : Acc()
                                var a4 = taps > 4 ? acc[4] : Acc(), a5 = taps > 5 ? acc[5] : Acc()
                                var a6 = taps > 6 ? acc[6] : Acc(), a7 = taps > 7 ? acc[7] : Acc()
                                let row = xRow + j0
                                var ox = 0
                                while ox < g.outWidth {
                                    @inline(__always) func x(_ j: Int) -> Acc { UnsafeRawPointer(row + ox + j).loadUnaligned(as: Acc.self) }
                                    let d = UnsafeRawPointer(dyRow + ox).loadUnaligned(as: Acc.self)
                                    a0 += d * x(0)
                                    if taps > 1 { a1 += d * x(1) }
                                    if taps > 2 { a2 += d * x(2) }
                                    if taps > 3 { a3 += d * x(3) }
                                    if taps > 4 { a4 += d * x(4) }
                                    if taps > 5 { a5 += d * x(5) }
                                    if taps > 6 { a6 += d * x(6) }
                                    if taps > 7 { a7 += d * x(7) }
                                    ox += 8
                                }
                                acc[0] = a0
                                if taps > 1 { acc[1] = a1 }
                                if taps > 2 { acc[2] = a2 }
                                if taps > 3 { acc[3] = a3 }
                                if taps > 4 { acc[4] = a4 }
                                if taps > 5 { acc[5] = a5 }
                                if taps > 6 { acc[6] = a6 }
                                if taps > 7 { acc[7] = a7 }
                                j0 += 8
                            }
                        }
                    }
                }
            }
            for co in 0..<cout {
                for t in 0..<(kh * kw) { dw[co * wStride + ci * kh * kw + t] = accumulators[co * kh * kw + t].sum() }
            }
        }
    }

    /// Pads each image of `source` into per-worker scratch and hands out the rows to compute: images
    /// across workers when there are enough, otherwise the rows of each image split across workers.
    static func forEachImage(batch: Int, pad: PaddedImage, scratch: ScratchBuffer, source: UnsafePointer<Float>,
                             height h: Int, width w: Int, top: Int, left: Int, rows: Int,
                             _ body: (_ image: Int, _ padded: UnsafePointer<Float>, _ rows: Range<Int>) -> Void) {
        let perImage = pad.channels * pad.planeSize
        func prepare(_ b: Int, _ buffer: UnsafeMutablePointer<Float>) {
            pad.fill(buffer, from: source + b * pad.channels * h * w, height: h, width: w, top: top, left: left)
        }
        if batch >= Parallel.workerCount {
            Parallel.forEachWorker(batch) { worker, images in
                let buffer = scratch.pointer + worker * perImage
                for b in images {
                    prepare(b, buffer)
                    body(b, buffer, 0..<rows)
                }
            }
        } else {
            for b in 0..<batch {
                prepare(b, scratch.pointer)
                Parallel.forEachChunk(rows) { body(b, scratch.pointer, $0) }
            }
        }
    }
}
