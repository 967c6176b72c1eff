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
        var rows = max(1, min(p.tileRows, maxTiles / p.tileCols, max(1, targetTiles * 2 / p.tileCols)))
        if p.batch < Parallel.workerCount { rows = min(rows, (p.tileRows + Parallel.workerCount - 1) / Parallel.workerCount) }
        var out: [Block] = []
        for b in 0..<p.batch {
            var r = 0
            while r < p.tileRows {
                out.append(Block(firstImage: b, imageCount: 1, tileRowStart: r, tileRowEnd: min(p.tileRows, r + rows)))
                r += rows
            }
        }
        return out
    }

    // MARK: Transforms (rows as SIMD4 so that no tile allocates)

    /// t · Bᵀ-style row transform [a − c, b + c, c − b, b − d] (Bᵀ d B applies it to rows, then columns).
    @inline(__always)
    static func inputRowTransform(_ r: SIMD4<Float>) -> SIMD4<Float> {
        SIMD4(r.x - r.z, r.y + r.z, r.z - r.y, r.y - r.w)
    }

    /// G-style transform of a 3-vector into 4: [a, (a + b + c)/2, (a − b + c)/2, c].
    @inline(__always)
    static func filterTransform(_ a: Float, _ b: Float, _ c: Float) -> SIMD4<Float> {
        SIMD4(a, (a + b + c) * 0.5, (a - b + c) * 0.5, c)
    }

    /// U[ξ][o][i] = (G g Gᵀ)[ξ] for g = w[o][i] (`flip == false`, w is [outC][inC][3][3]), or for the
    /// input-gradient problem g = w[i][o] rotated 180° (w is [inC'][outC'][3][3] of the original conv).
    static func transformFilters(_ w: UnsafePointer<Float>, outChannels: Int, inChannels: Int, flip: Bool,
                                 into u: UnsafeMutablePointer<Float>) {
        let plane = outChannels * inChannels
        Parallel.forEach(outChannels, minimumPerWorker: max(1, 4096 / inChannels)) { o in
            for i in 0..<inChannels {
                let src = flip ? w + (i * outChannels + o) * 9 : w + (o * inChannels + i) * 9
                @inline(__always) func g(_ k: Int) -> Float { flip ? src[8 - k] : src[k] }
                // Columns of G g (4×3), then each row of (G g) through Gᵀ.
                let c0 = filterTransform(g(0), g(3), g(6)), c1 = filterTransform(g(1), g(4), g(7))
                let c2 = filterTransform(g(2), g(5), g(8))
                for r in 0..<4 {
                    let row = filterTransform(c0[r], c1[r], c2[r])
                    for col in 0..<4 { u[(4 * r + col) * plane + o * inChannels + i] = row[col] }
                }
            }
        }
    }

    // Tiles are processed eight at a time, one SIMD lane per tile: a tile's four input columns are
    // the even and odd elements of a row starting at 2·tile (and 2·tile + 2), so two 16-float loads
    // and their even/odd halves give all four columns of eight tiles. Rows are first copied into a
    // zero-padded buffer, so border tiles need no special case; only stores of a partial last batch
    // are done lane by lane.

    typealias Lanes = SIMD8<Float>
    static let lanes = 8

    /// Copies image row `y` (zeros outside the image) into `row`, shifted right by `pad`.
    @inline(__always)
    static func paddedRow(_ plane: UnsafePointer<Float>, y: Int, height: Int, width: Int, pad: Int,
                          into row: UnsafeMutablePointer<Float>, length: Int) {
        row.update(repeating: 0, count: length)
        guard y >= 0 && y < height else { return }
        let start = max(0, pad), count = min(width, length - start)
        (row + start).update(from: plane + y * width, count: count)
    }

    @inline(__always)
    static func store(_ v: Lanes, _ dst: UnsafeMutablePointer<Float>, valid: Int) {
        if valid >= lanes { UnsafeMutableRawPointer(dst).storeBytes(of: v, as: Lanes.self) }
        else { for i in 0..<valid { dst[i] = v[i] } }
    }

    @inline(__always)
    static func load(_ src: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(src).loadUnaligned(as: Lanes.self) }

    /// The four columns (as lanes over eight tiles) of one padded row, for tiles starting at `tile`.
    @inline(__always)
    static func columns(_ row: UnsafePointer<Float>, tile: Int) -> (Lanes, Lanes, Lanes, Lanes) {
        let e = UnsafeRawPointer(row + 2 * tile).loadUnaligned(as: SIMD16<Float>.self)
        let f = UnsafeRawPointer(row + 2 * tile + 2).loadUnaligned(as: SIMD16<Float>.self)
        return (e.evenHalf, e.oddHalf, f.evenHalf, f.oddHalf)
    }

    /// V[ξ][c][t] = (Bᵀ d B)[ξ] for every input channel and tile of the block (zero outside the image).
    static func transformInput(_ x: UnsafePointer<Float>, _ p: Problem, _ b: Block, channels: Range<Int>,
                               into v: UnsafeMutablePointer<Float>, tiles: Int) {
        let (h, w, pad) = (p.height, p.width, p.pad)
        let xiStride = p.inChannels * tiles
        let length = 2 * (p.tileCols + lanes) + 4
        let rows = UnsafeMutablePointer<Float>.allocate(capacity: 4 * length)
        defer { rows.deallocate() }
        for j in 0..<b.imageCount {
            let image = x + (b.firstImage + j) * p.inChannels * h * w
            for c in channels {
                let plane = image + c * h * w
                for tr in b.tileRowStart..<b.tileRowEnd {
                    for r in 0..<4 {
                        paddedRow(plane, y: 2 * tr - pad + r, height: h, width: w, pad: pad, into: rows + r * length, length: length)
                    }
                    let tBase = (j * (b.tileRowEnd - b.tileRowStart) + tr - b.tileRowStart) * p.tileCols
                    let out = v + c * tiles + tBase
                    var tc = 0
                    while tc < p.tileCols {
                        let valid = p.tileCols - tc
                        let d0 = columns(rows, tile: tc), d1 = columns(rows + length, tile: tc)
                        let d2 = columns(rows + 2 * length, tile: tc), d3 = columns(rows + 3 * length, tile: tc)
                        // Bᵀ d: four rows of four column-lanes; then each row · B.
                        @inline(__always) func emit(_ r: Int, _ a: Lanes, _ bb: Lanes, _ cc: Lanes, _ dd: Lanes) {
                            store(a - cc, out + (4 * r) * xiStride + tc, valid: valid)
                            store(bb + cc, out + (4 * r + 1) * xiStride + tc, valid: valid)
                            store(cc - bb, out + (4 * r + 2) * xiStride + tc, valid: valid)
                            store(bb - dd, out + (4 * r + 3) * xiStride + tc, valid: valid)
                        }
                        emit(0, d0.0 - d2.0, d0.1 - d2.1, d0.2 - d2.2, d0.3 - d2.3)
                        emit(1, d1.0 + d2.0, d1.1 + d2.1, d1.2 + d2.2, d1.3 + d2.3)
                        emit(2, d2.0 - d1.0, d2.1 - d1.1, d2.2 - d1.2, d2.3 - d1.3)
                        emit(3, d1.0 - d3.0, d1.1 - d3.1, d1.2 - d3.2, d1.3 - d3.3)
                        tc += lanes
                    }
                }
            }
        }
    }

    /// y tile = Aᵀ m A for every output channel and tile, cropped at the image border.
    static func transformOutput(_ m: UnsafePointer<Float>, _ p: Problem, _ b: Block, channels: Range<Int>,
                                tiles: Int, into y: UnsafeMutablePointer<Float>) {
        let (ho, wo) = (p.outHeight, p.outWidth)
        let xiStride = p.outChannels * tiles
        for j in 0..<b.imageCount {
            let image = y + (b.firstImage + j) * p.outChannels * ho * wo
            for k in channels {
                let plane = image + k * ho * wo
                for tr in b.tileRowStart..<b.tileRowEnd {
                    let tBase = (j * (b.tileRowEnd - b.tileRowStart) + tr - b.tileRowStart) * p.tileCols
                    let src = m + k * tiles + tBase
                    let oy = 2 * tr
                    var tc = 0
                    while tc < p.tileCols {
                        @inline(__always) func mm(_ xi: Int) -> Lanes { load(src + xi * xiStride + tc) }
                        // Aᵀ m (two rows of four column-lanes), then each row · A.
                        let s00 = mm(0) + mm(4) + mm(8), s01 = mm(1) + mm(5) + mm(9)
                        let s02 = mm(2) + mm(6) + mm(10), s03 = mm(3) + mm(7) + mm(11)
                        let s10 = mm(4) - mm(8) - mm(12), s11 = mm(5) - mm(9) - mm(13)
                        let s12 = mm(6) - mm(10) - mm(14), s13 = mm(7) - mm(11) - mm(15)
                        var top = SIMD16<Float>(), bottom = SIMD16<Float>()
                        top.evenHalf = s00 + s01 + s02; top.oddHalf = s01 - s02 - s03
                        bottom.evenHalf = s10 + s11 + s12; bottom.oddHalf = s11 - s12 - s13
                        let ox = 2 * tc, validColumns = min(2 * lanes, wo - ox)
                        @inline(__always) func put(_ values: SIMD16<Float>, row: Int) {
                            let dst = plane + row * wo + ox
                            if validColumns == 2 * lanes { UnsafeMutableRawPointer(dst).storeBytes(of: values, as: SIMD16<Float>.self) }
                            else { for i in 0..<validColumns { dst[i] = values[i] } }
                        }
                        put(top, row: oy)
                        if oy + 1 < ho { put(bottom, row: oy + 1) }
                        tc += lanes
                    }
                }
            }
        }
    }

    /// Z[ξ][k][t] = (A dY Aᵀ)[ξ] for every output-gradient channel and tile (zero outside the output).
    static func transformOutputGradient(_ dy: UnsafePointer<Float>, _ p: Problem, _ b: Block, channels: Range<Int>,
                                        tiles: Int, into z: UnsafeMutablePointer<Float>) {
        let (ho, wo) = (p.outHeight, p.outWidth)
        let xiStride = p.outChannels * tiles
        let length = 2 * (p.tileCols + lanes) + 4
        let rows = UnsafeMutablePointer<Float>.allocate(capacity: 2 * length)
        defer { rows.deallocate() }
        for j in 0..<b.imageCount {
            let image = dy + (b.firstImage + j) * p.outChannels * ho * wo
            for k in channels {
                let plane = image + k * ho * wo
                for tr in b.tileRowStart..<b.tileRowEnd {
                    paddedRow(plane, y: 2 * tr, height: ho, width: wo, pad: 0, into: rows, length: length)
                    paddedRow(plane, y: 2 * tr + 1, height: ho, width: wo, pad: 0, into: rows + length, length: length)
                    let tBase = (j * (b.tileRowEnd - b.tileRowStart) + tr - b.tileRowStart) * p.tileCols
                    let out = z + k * tiles + tBase
                    var tc = 0
                    while tc < p.tileCols {
                        let valid = p.tileCols - tc
                        let upper = UnsafeRawPointer(rows + 2 * tc).loadUnaligned(as: SIMD16<Float>.self)
                        let lower = UnsafeRawPointer(rows + length + 2 * tc).loadUnaligned(as: SIMD16<Float>.self)
                        let y00 = upper.evenHalf, y01 = upper.oddHalf, y10 = lower.evenHalf, y11 = lower.oddHalf
                        // A dY: rows [y0, y0 + y1, y0 − y1, −y1]; then · Aᵀ per row [a, a + b, a − b, −b].
                        @inline(__always) func emit(_ r: Int, _ a: Lanes, _ bb: Lanes) {
                            store(a, out + (4 * r) * xiStride + tc, valid: valid)
                            store(a + bb, out + (4 * r + 1) * xiStride + tc, valid: valid)
                            store(a - bb, out + (4 * r + 2) * xiStride + tc, valid: valid)
                            store(-bb, out + (4 * r + 3) * xiStride + tc, valid: valid)
                        }
                        emit(0, y00, y01)
                        emit(1, y00 + y10, y01 + y11)
                        emit(2, y00 - y10, y01 - y11)
                        emit(3, -y10, -y11)
                        tc += lanes
                    }
                }
            }
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
