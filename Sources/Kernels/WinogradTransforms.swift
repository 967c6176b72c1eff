/// The F(2×2, 3×3) transforms: filters (G g Gᵀ), input tiles (Bᵀ d B), output tiles (Aᵀ m A) and
/// output-gradient tiles (A dY Aᵀ), between images and the ξ-major matrices the 16 products use.
extension Winograd {

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
}
