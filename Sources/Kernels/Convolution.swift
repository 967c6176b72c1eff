/// Geometry of a 2-D convolution in NCHW, described from the convolution's point of view:
/// `input` is the larger image the kernel slides over, `output` the result. A transposed
/// convolution is the adjoint of such a convolution, so it uses the same geometry with the roles of
/// input and output swapped.
public struct Conv2DGeometry: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var inChannels: Int
    public var inHeight: Int
    public var inWidth: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideH: Int
    public var strideW: Int
    public var padH: Int
    public var padW: Int
    public var dilationH: Int
    public var dilationW: Int

    public init(batch: Int, inChannels: Int, inHeight: Int, inWidth: Int, outChannels: Int,
                kernelHeight: Int, kernelWidth: Int, strideH: Int = 1, strideW: Int = 1,
                padH: Int = 0, padW: Int = 0, dilationH: Int = 1, dilationW: Int = 1) {
        self.batch = batch; self.inChannels = inChannels; self.inHeight = inHeight; self.inWidth = inWidth
        self.outChannels = outChannels; self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.strideH = strideH; self.strideW = strideW; self.padH = padH; self.padW = padW
        self.dilationH = dilationH; self.dilationW = dilationW
    }

    public var outHeight: Int { (inHeight + 2 * padH - dilationH * (kernelHeight - 1) - 1) / strideH + 1 }
    public var outWidth: Int { (inWidth + 2 * padW - dilationW * (kernelWidth - 1) - 1) / strideW + 1 }
    /// Rows of the im2col matrix: one per (input channel, kernel tap).
    public var patchSize: Int { inChannels * kernelHeight * kernelWidth }
    public var inPlane: Int { inHeight * inWidth }
    public var outPlane: Int { outHeight * outWidth }
    public var flops: Double {
        2.0 * Double(batch) * Double(outChannels) * Double(patchSize) * Double(outPlane)
    }
    /// 1×1, stride 1, no padding: the image itself is the im2col matrix.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0
    }

    public var description: String {
        "conv(N\(batch) C\(inChannels)→\(outChannels) \(inHeight)×\(inWidth)→\(outHeight)×\(outWidth) "
            + "k\(kernelHeight)×\(kernelWidth) s\(strideH),\(strideW) p\(padH),\(padW))"
    }

    /// Output rows per im2col tile, so that a tile holds at most ~4M floats (16 MB).
    var tileRows: Int {
        let budget = 1 << 22
        return max(1, min(outHeight, budget / max(1, patchSize * outWidth)))
    }
}

/// Convolution kernels over raw buffers (im2col + single-threaded sgemm, batch split across
/// workers; images larger than the tile budget are processed in bands of output rows).
///
/// These three are each other's adjoints and are what the autodiff layer composes:
/// forward `y = conv(x, w)`, `dx = convBackwardInput(dy, w)` (= transposed convolution),
/// `dw = convBackwardWeight(x, dy)`.
public enum Convolution {
    /// cols[(c·kh + i)·kw + j][r·Wo + ow] = x[c][(oh0 + r)·s − p + i·d][ow·s − p + j·d] (0 outside).
    static func im2col(_ x: UnsafePointer<Float>, _ g: Conv2DGeometry, rows oh0: Int, _ oh1: Int,
                       _ cols: UnsafeMutablePointer<Float>) {
        let wo = g.outWidth, nRows = oh1 - oh0, n = nRows * wo
        for c in 0..<g.inChannels {
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
                       _ x: UnsafeMutablePointer<Float>, channels: Range<Int>? = nil) {
        let wo = g.outWidth, nRows = oh1 - oh0, n = nRows * wo
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

    /// Splits the batch across workers; when the batch is smaller than the worker count, each image is
    /// split by bands of output rows instead, so both cores stay busy on single large images.
    static func forEachImageBand(_ g: Conv2DGeometry,
                                 _ body: (_ worker: Int, _ image: Int, _ oh0: Int, _ oh1: Int) -> Void) {
        let tile = g.tileRows
        if g.batch >= Parallel.workerCount || g.outHeight < 2 {
            Parallel.forEachWorker(g.batch) { w, images in
                for b in images {
                    var oh = 0
                    while oh < g.outHeight {
                        let end = min(g.outHeight, oh + tile)
                        body(w, b, oh, end)
                        oh = end
                    }
                }
            }
        } else {
            let bandRows = max(1, min(tile, (g.outHeight + Parallel.workerCount - 1) / Parallel.workerCount))
            let bandsPerImage = (g.outHeight + bandRows - 1) / bandRows
            Parallel.forEachWorker(g.batch * bandsPerImage) { w, jobs in
                for job in jobs {
                    let b = job / bandsPerImage
                    let oh0 = (job % bandsPerImage) * bandRows
                    body(w, b, oh0, min(g.outHeight, oh0 + bandRows))
                }
            }
        }
    }

    /// y[b] = w · im2col(x[b]); w is [outC, inC·kh·kw], y is [N, outC, Ho, Wo].
    public static func forward(input x: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                               output y: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let k = g.patchSize, plane = g.outPlane
        let workers = Parallel.workerCount
        let scratch = g.isPointwise ? nil : UnsafeMutablePointer<Float>.allocate(capacity: workers * k * g.tileRows * g.outWidth)
        defer { scratch?.deallocate() }
        forEachImageBand(g) { worker, b, oh0, oh1 in
            let n = (oh1 - oh0) * g.outWidth
            let xb = x + b * g.inChannels * g.inPlane
            let yb = y + b * g.outChannels * plane + oh0 * g.outWidth
            if let scratch {
                let cols = scratch + worker * k * g.tileRows * g.outWidth
                im2col(xb, g, rows: oh0, oh1, cols)
                BLAS.gemm(transA: false, transB: false, m: g.outChannels, n: n, k: k,
                          a: w, lda: k, b: cols, ldb: n, c: yb, ldc: plane)
            } else {
                BLAS.gemm(transA: false, transB: false, m: g.outChannels, n: n, k: k,
                          a: w, lda: k, b: xb + oh0 * g.outWidth, ldb: plane, c: yb, ldc: plane)
            }
        }
    }

    /// dx[b] = col2im(wᵀ · dy[b]). Overwrites `dx`. This is also the forward of a transposed convolution.
    public static func backwardInput(gradOutput dy: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                                     gradInput dx: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let k = g.patchSize, plane = g.outPlane
        if g.isPointwise {
            Parallel.forEachWorker(g.batch) { _, images in
                for b in images {
                    BLAS.gemm(transA: true, transB: false, m: k, n: plane, k: g.outChannels,
                              a: w, lda: k, b: dy + b * g.outChannels * plane, ldb: plane,
                              c: dx + b * g.inChannels * g.inPlane, ldc: plane)
                }
            }
            return
        }
        Elementwise.fill(dx, count: g.batch * g.inChannels * g.inPlane, value: 0)
        let workers = Parallel.workerCount
        let tileCols = g.tileRows * g.outWidth
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: workers * k * tileCols)
        defer { scratch.deallocate() }
        if g.batch < workers {
            // Few large images: split each product across workers, then scatter channels in parallel
            // (channels never overlap, bands of rows would).
            for b in 0..<g.batch {
                var oh0 = 0
                while oh0 < g.outHeight {
                    let oh1 = min(g.outHeight, oh0 + g.tileRows)
                    let n = (oh1 - oh0) * g.outWidth
                    BLAS.parallelGEMM(transA: true, transB: false, m: k, n: n, k: g.outChannels,
                                      a: w, lda: k, b: dy + b * g.outChannels * plane + oh0 * g.outWidth,
                                      ldb: plane, c: scratch, ldc: n)
                    Parallel.forEachChunk(g.inChannels) { channels in
                        col2im(scratch, g, rows: oh0, oh1, dx + b * g.inChannels * g.inPlane, channels: channels)
                    }
                    oh0 = oh1
                }
            }
            return
        }
        Parallel.forEachWorker(g.batch) { worker, images in
            let cols = scratch + worker * k * tileCols
            for b in images {
                var oh0 = 0
                while oh0 < g.outHeight {
                    let oh1 = min(g.outHeight, oh0 + g.tileRows)
                    let n = (oh1 - oh0) * g.outWidth
                    BLAS.gemm(transA: true, transB: false, m: k, n: n, k: g.outChannels,
                              a: w, lda: k, b: dy + b * g.outChannels * plane + oh0 * g.outWidth, ldb: plane,
                              c: cols, ldc: n)
                    col2im(cols, g, rows: oh0, oh1, dx + b * g.inChannels * g.inPlane)
                    oh0 = oh1
                }
            }
        }
    }

    /// dw = Σ_b dy[b] · im2col(x[b])ᵀ, shape [outC, inC·kh·kw]. Overwrites `dw`.
    /// Each worker accumulates its own partial sum over its images (or bands); partials are added in
    /// worker order, so the bits do not depend on thread timing.
    public static func backwardWeight(input x: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
                                      gradWeight dw: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let k = g.patchSize, plane = g.outPlane, wCount = g.outChannels * k
        let workers = Parallel.workerCount
        let tileCols = g.tileRows * g.outWidth
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: workers * wCount)
        let scratch = g.isPointwise ? nil : UnsafeMutablePointer<Float>.allocate(capacity: workers * k * tileCols)
        let used = UnsafeMutablePointer<Bool>.allocate(capacity: workers)
        used.initialize(repeating: false, count: workers)
        defer { partials.deallocate(); scratch?.deallocate(); used.deallocate() }
        forEachImageBand(g) { worker, b, oh0, oh1 in
            let part = partials + worker * wCount
            let n = (oh1 - oh0) * g.outWidth
            let dyb = dy + b * g.outChannels * plane + oh0 * g.outWidth
            let xb = x + b * g.inChannels * g.inPlane
            let colsPtr: UnsafePointer<Float>
            let ldb: Int
            if let scratch {
                let cols = scratch + worker * k * tileCols
                im2col(xb, g, rows: oh0, oh1, cols)
                colsPtr = UnsafePointer(cols); ldb = n
            } else {
                colsPtr = xb + oh0 * g.outWidth; ldb = plane
            }
            BLAS.gemm(transA: false, transB: true, m: g.outChannels, n: k, k: n,
                      a: dyb, lda: plane, b: colsPtr, ldb: ldb,
                      beta: used[worker] ? 1 : 0, c: part, ldc: k)
            used[worker] = true
        }
        Elementwise.fill(dw, count: wCount, value: 0)
        for worker in 0..<workers where used[worker] {
            let part = partials + worker * wCount
            for i in 0..<wCount { dw[i] += part[i] }
        }
    }
}
