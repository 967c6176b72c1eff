/// Winograd F(2×2, 3×3) convolution (Lavin & Gray 2016) for 3×3, stride-1, undilated kernels:
/// each 2×2 output tile costs 16 multiplications per channel pair instead of 36, so the products —
/// 16 sgemms, one per transformed position ξ — do 2.25× fewer flops than im2col + sgemm, and the
/// transformed input is 4×, not 9×, the size of the input.
///
///   forward          Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A              (per tile, summed over channels)
///   input gradient   a forward pass over dy with the kernel flipped and transposed, padding 2 − p
///   weight gradient  dg = Gᵀ [Σ_tiles (A dY Aᵀ) ⊙ (Bᵀ d B)] G     (the adjoint of the forward)
///
/// Tiles are grouped into blocks (several images, or bands of tile rows of one large image) like
/// `Convolution`'s column blocks, with the same static split over workers, so results are deterministic.
public enum Winograd {
    /// 3×3, stride 1, no dilation, padding ≤ 2, enough channels for the transforms to pay off.
    public static func applicable(_ g: Conv2DGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideH == 1 && g.strideW == 1
            && g.dilationH == 1 && g.dilationW == 1 && g.padH == g.padW && g.padH <= 2
            && g.inChannels >= 16 && g.outChannels >= 16 && g.outHeight >= 2 && g.outWidth >= 2
    }

    /// A forward problem: `inChannels` planes of height×width, 3×3 kernel, `pad`, producing outH×outW.
    struct Problem {
        var batch: Int, inChannels: Int, outChannels: Int
        var height: Int, width: Int, pad: Int
        var outHeight: Int { height + 2 * pad - 2 }
        var outWidth: Int { width + 2 * pad - 2 }
        var tileRows: Int { (outHeight + 1) / 2 }
        var tileCols: Int { (outWidth + 1) / 2 }
    }

    struct Block {
        var firstImage: Int, imageCount: Int, tileRowStart: Int, tileRowEnd: Int
        func tiles(_ p: Problem) -> Int { imageCount * (tileRowEnd - tileRowStart) * p.tileCols }
    }

    static let targetTiles = 1024
    static let budget = 1 << 22   // floats per transformed buffer

    static func blocks(_ p: Problem, channels: Int) -> [Block] {
        let perImage = p.tileRows * p.tileCols
        let maxTiles = max(p.tileCols, budget / (16 * max(1, channels)))
        if perImage <= min(targetTiles, maxTiles) {
            let per = max(1, min(p.batch, targetTiles / perImage, maxTiles / perImage))
            return stride(from: 0, to: p.batch, by: per).map {
                Block(firstImage: $0, imageCount: min(per, p.batch - $0), tileRowStart: 0, tileRowEnd: p.tileRows)
            }
        }
        return RowBands.split(batch: p.batch, rows: p.tileRows,
                              maximumRows: min(maxTiles / p.tileCols, max(1, targetTiles * 2 / p.tileCols))).map {
            Block(firstImage: $0.image, imageCount: 1, tileRowStart: $0.start, tileRowEnd: $0.end)
        }
    }

    // MARK: Driver

    /// Runs `body(worker, block, parallelInside)` like `Convolution.run`.
    static func run(_ blocks: [Block], _ body: (Int, Block, Bool) -> Void) {
        if blocks.count >= Parallel.workerCount {
            Parallel.forEachWorker(blocks.count) { w, range in for i in range { body(w, blocks[i], false) } }
        } else {
            for b in blocks { body(0, b, Parallel.workerCount > 1) }
        }
    }

    static func forEachChannelChunk(_ count: Int, parallel: Bool, _ body: (Range<Int>) -> Void) {
        if parallel { Parallel.forEachChunk(count, body) } else { body(0..<count) }
    }

    /// The 16 products of one block, split over ξ when running inside one block.
    static func products(parallel: Bool, _ body: (Int) -> Void) {
        if parallel { Parallel.forEach(16, body) } else { for xi in 0..<16 { body(xi) } }
    }

    /// y = conv(x, filters) for a forward problem, with filters already transformed into `u`.
    static func convolve(_ x: UnsafePointer<Float>, _ u: UnsafePointer<Float>, _ p: Problem, _ y: UnsafeMutablePointer<Float>) {
        let blocks = blocks(p, channels: max(p.inChannels, p.outChannels))
        let maxTiles = blocks.map { $0.tiles(p) }.max() ?? 0
        let workers = Parallel.workerCount
        // Slack for the eight-lane reads of a partial last batch.
        let vBuffer = ScratchBuffer(count: workers * 16 * p.inChannels * maxTiles + lanes)
        let mBuffer = ScratchBuffer(count: workers * 16 * p.outChannels * maxTiles + lanes)
        defer { vBuffer.release(); mBuffer.release() }
        run(blocks) { worker, b, parallel in
            let t = b.tiles(p)
            let v = vBuffer.pointer + worker * 16 * p.inChannels * maxTiles
            let m = mBuffer.pointer + worker * 16 * p.outChannels * maxTiles
            forEachChannelChunk(p.inChannels, parallel: parallel) { transformInput(x, p, b, channels: $0, into: v, tiles: t) }
            products(parallel: parallel) { xi in
                BLAS.gemm(transA: false, transB: false, m: p.outChannels, n: t, k: p.inChannels,
                          a: u + xi * p.outChannels * p.inChannels, lda: p.inChannels,
                          b: v + xi * p.inChannels * t, ldb: t, beta: 0,
                          c: m + xi * p.outChannels * t, ldc: t)
            }
            forEachChannelChunk(p.outChannels, parallel: parallel) { transformOutput(m, p, b, channels: $0, tiles: t, into: y) }
        }
    }

    public static func forward(input x: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                               output y: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        convolve(x, weight: w, flip: false, Problem(batch: g.batch, inChannels: g.inChannels, outChannels: g.outChannels,
                                                    height: g.inHeight, width: g.inWidth, pad: g.padH), y)
    }

    /// dx: a forward problem over dy (outC → inC) with the kernel flipped and padding 2 − p.
    public static func backwardInput(gradOutput dy: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                                     gradInput dx: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        convolve(dy, weight: w, flip: true, Problem(batch: g.batch, inChannels: g.outChannels, outChannels: g.inChannels,
                                                    height: g.outHeight, width: g.outWidth, pad: 2 - g.padH), dx)
    }

    static func convolve(_ x: UnsafePointer<Float>, weight w: UnsafePointer<Float>, flip: Bool, _ p: Problem,
                         _ y: UnsafeMutablePointer<Float>) {
        let u = ScratchBuffer(count: 16 * p.outChannels * p.inChannels)
        defer { u.release() }
        transformFilters(w, outChannels: p.outChannels, inChannels: p.inChannels, flip: flip, into: u.pointer)
        convolve(x, u.pointer, p, y)
    }

    /// dw = Gᵀ [Σ_tiles Z ⊙ V] G, the 16 sums as sgemms accumulated per worker.
    public static func backwardWeight(input x: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
                                      gradWeight dw: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        let p = Problem(batch: g.batch, inChannels: g.inChannels, outChannels: g.outChannels,
                        height: g.inHeight, width: g.inWidth, pad: g.padH)
        let (cIn, cOut) = (g.inChannels, g.outChannels)
        let blocks = blocks(p, channels: max(cIn, cOut))
        let maxTiles = blocks.map { $0.tiles(p) }.max() ?? 0
        let workers = Parallel.workerCount
        let uSize = 16 * cOut * cIn
        let vBuffer = ScratchBuffer(count: workers * 16 * cIn * maxTiles)
        let zBuffer = ScratchBuffer(count: workers * 16 * cOut * maxTiles)
        let partials = ScratchBuffer(count: workers * uSize)
        var used = [Bool](repeating: false, count: workers)
        defer { vBuffer.release(); zBuffer.release(); partials.release() }
        used.withUnsafeMutableBufferPointer { used in
            run(blocks) { worker, b, parallel in
                let t = b.tiles(p)
                let v = vBuffer.pointer + worker * 16 * cIn * maxTiles
                let z = zBuffer.pointer + worker * 16 * cOut * maxTiles
                let du = partials.pointer + worker * uSize
                forEachChannelChunk(cIn, parallel: parallel) { transformInput(x, p, b, channels: $0, into: v, tiles: t) }
                forEachChannelChunk(cOut, parallel: parallel) {
                    transformOutputGradient(dy, p, b, channels: $0, tiles: t, into: z)
                }
                let beta: Float = used[worker] ? 1 : 0
                products(parallel: parallel) { xi in
                    BLAS.gemm(transA: false, transB: true, m: cOut, n: cIn, k: t,
                              a: z + xi * cOut * t, lda: t, b: v + xi * cIn * t, ldb: t, beta: beta,
                              c: du + xi * cOut * cIn, ldc: cIn)
                }
                used[worker] = true
            }
        }
        // Sum the partials in worker order, then dw = Gᵀ dU G per (o, i).
        let du = partials.pointer
        if !used[0] { Elementwise.fill(du, count: uSize, value: 0) }
        for worker in 1..<workers where used[worker] {
            let part = partials.pointer + worker * uSize
            Parallel.forEachChunk(uSize, minimumPerWorker: 1 << 16) { r in for i in r { du[i] += part[i] } }
        }
        let plane = cOut * cIn
        Parallel.forEach(cOut, minimumPerWorker: max(1, 4096 / cIn)) { o in
            for i in 0..<cIn {
                @inline(__always) func row(_ r: Int) -> SIMD4<Float> {
                    SIMD4(du[(4 * r) * plane + o * cIn + i], du[(4 * r + 1) * plane + o * cIn + i],
                          du[(4 * r + 2) * plane + o * cIn + i], du[(4 * r + 3) * plane + o * cIn + i])
                }
                let u0 = row(0), u1 = row(1), u2 = row(2), u3 = row(3)
                // Gᵀ dU (3×4), then each row · G: [a + (b + c)/2, (b − c)/2, (b + c)/2 + d].
                let out = dw + (o * cIn + i) * 9
                @inline(__always) func store(_ r: Int, _ q: SIMD4<Float>) {
                    out[3 * r] = q.x + 0.5 * (q.y + q.z)
                    out[3 * r + 1] = 0.5 * (q.y - q.z)
                    out[3 * r + 2] = 0.5 * (q.y + q.z) + q.w
                }
                store(0, u0 + 0.5 * (u1 + u2))
                store(1, 0.5 * (u1 - u2))
                store(2, 0.5 * (u1 + u2) + u3)
            }
        }
    }
}
