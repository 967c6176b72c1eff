import Foundation

/// Convolution kernels over raw buffers. Three routes, chosen by geometry:
/// - `Winograd` F(2×2, 3×3) for 3×3 stride-1 layers with ≥ 16 channels each side (residual blocks);
/// - `NarrowConvolution`, direct, for ≤ 4 output channels (RGB heads);
/// - otherwise im2col + sgemm over "column blocks", described here.
///
/// A column block is a group of output columns multiplied in one sgemm: several whole images when
/// the output plane is small (a 2×2 patch map would otherwise give 4-column products that run at a
/// few percent of peak, and a 4-deep outer product per image for the weight gradient), or one band
/// of output rows of one image (so that the im2col scratch stays within ~16 MB at any resolution).
/// With at least as many blocks as workers, workers take contiguous runs of blocks and call sgemm
/// single-threaded; otherwise blocks run one after another with each sgemm split across workers.
///
/// These three are each other's adjoints and are what the autodiff layer composes:
/// forward `y = conv(x, w)`, `dx = convBackwardInput(dy, w)` (= transposed convolution),
/// `dw = convBackwardWeight(x, dy)`.
public enum Convolution {
    // MARK: Column blocks

    struct ColumnBlock {
        var firstImage: Int
        var imageCount: Int
        var rowStart: Int
        var rowEnd: Int
    }

    /// Columns below which an sgemm runs far from peak; images are grouped up to this width.
    static let minimumColumns = 256
    /// im2col scratch budget per block, in floats (16 MB).
    static let scratchBudget = 1 << 22

    static func blocks(_ g: Conv2DGeometry) -> [ColumnBlock] {
        let plane = g.outPlane
        let budgetColumns = max(g.outWidth, scratchBudget / max(1, g.patchSize))
        if plane < minimumColumns {
            let perBlock = max(1, min(g.batch, (minimumColumns + plane - 1) / plane, budgetColumns / plane))
            return stride(from: 0, to: g.batch, by: perBlock).map {
                ColumnBlock(firstImage: $0, imageCount: min(perBlock, g.batch - $0), rowStart: 0, rowEnd: g.outHeight)
            }
        }
        return RowBands.split(batch: g.batch, rows: g.outHeight, maximumRows: budgetColumns / g.outWidth).map {
            ColumnBlock(firstImage: $0.image, imageCount: 1, rowStart: $0.start, rowEnd: $0.end)
        }
    }

    static func columns(_ b: ColumnBlock, _ g: Conv2DGeometry) -> Int { b.imageCount * (b.rowEnd - b.rowStart) * g.outWidth }

    /// Runs `body(worker, block, parallelInside)` over all blocks: in parallel across blocks when there
    /// are enough of them (and `allowParallelBlocks`), otherwise sequentially with `parallelInside`
    /// telling the body to split its own work across workers.
    static func run(_ blocks: [ColumnBlock], allowParallelBlocks: Bool = true,
                    _ body: (_ worker: Int, _ block: ColumnBlock, _ parallelInside: Bool) -> Void) {
        if allowParallelBlocks && blocks.count >= Parallel.workerCount {
            Parallel.forEachWorker(blocks.count) { w, range in
                for i in range { body(w, blocks[i], false) }
            }
        } else {
            for b in blocks { body(0, b, Parallel.workerCount > 1) }
        }
    }

    /// im2col of every image of a block into `cols` (K × n); images side by side.
    static func im2colBlock(_ x: UnsafePointer<Float>, _ g: Conv2DGeometry, _ b: ColumnBlock,
                            _ cols: UnsafeMutablePointer<Float>, parallel: Bool) {
        let n = columns(b, g), span = (b.rowEnd - b.rowStart) * g.outWidth
        let work = b.imageCount * g.inChannels
        let task = { (range: Range<Int>) in
            var i = range.lowerBound
            while i < range.upperBound {
                let image = i / g.inChannels, c0 = i % g.inChannels
                let c1 = min(g.inChannels, c0 + (range.upperBound - i))
                im2col(x + (b.firstImage + image) * g.inChannels * g.inPlane, g, rows: b.rowStart, b.rowEnd,
                       cols + image * span, ldc: n, channels: c0..<c1)
                i += c1 - c0
            }
        }
        if parallel { Parallel.forEachChunk(work, task) } else { task(0..<work) }
    }

    /// Copies a block's slice of an [N, C, plane] buffer into a [C × n] matrix (or back, `scatter`).
    static func gatherChannels(_ t: UnsafeMutablePointer<Float>, channels: Int, plane: Int, _ g: Conv2DGeometry,
                               _ b: ColumnBlock, _ m: UnsafeMutablePointer<Float>, scatter: Bool, parallel: Bool) {
        let n = columns(b, g), span = (b.rowEnd - b.rowStart) * g.outWidth, offset = b.rowStart * g.outWidth
        let task = { (range: Range<Int>) in
            for c in range {
                for j in 0..<b.imageCount {
                    let tp = t + ((b.firstImage + j) * channels + c) * plane + offset
                    let mp = m + c * n + j * span
                    if scatter { tp.update(from: mp, count: span) } else { mp.update(from: tp, count: span) }
                }
            }
        }
        if parallel { Parallel.forEachChunk(channels, task) } else { task(0..<channels) }
    }

    /// A block's slice of an output-shaped buffer as a [outC × n] matrix with its leading dimension:
    /// in place for one image, gathered into `scratch` for several.
    static func outputBlock(_ t: UnsafePointer<Float>, _ g: Conv2DGeometry, _ b: ColumnBlock,
                            _ scratch: UnsafeMutablePointer<Float>, parallel: Bool) -> (UnsafePointer<Float>, Int) {
        if b.imageCount == 1 {
            return (t + b.firstImage * g.outChannels * g.outPlane + b.rowStart * g.outWidth, g.outPlane)
        }
        gatherChannels(UnsafeMutablePointer(mutating: t), channels: g.outChannels, plane: g.outPlane, g, b, scratch,
                       scatter: false, parallel: parallel)
        return (UnsafePointer(scratch), columns(b, g))
    }

    static func gemm(parallel: Bool, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        if parallel {
            BLAS.parallelGEMM(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                              beta: beta, c: c, ldc: ldc)
        } else {
            BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                      beta: beta, c: c, ldc: ldc)
        }
    }

    /// Per-worker scratch: im2col columns (K × n) and a channel-major output/gradient block (C × n).
    struct Scratch {
        let cols: ScratchBuffer
        let channelBlock: ScratchBuffer
        let colsStride: Int, blockStride: Int
        init(_ g: Conv2DGeometry, _ blocks: [ColumnBlock], workers: Int) {
            let maxColumns = blocks.map { Convolution.columns($0, g) }.max() ?? 0
            colsStride = g.patchSize * maxColumns
            blockStride = max(g.inChannels, g.outChannels) * maxColumns
            cols = ScratchBuffer(count: workers * colsStride)
            channelBlock = ScratchBuffer(count: workers * blockStride)
        }
        func release() { cols.release(); channelBlock.release() }
        func cols(_ w: Int) -> UnsafeMutablePointer<Float> { cols.pointer + w * colsStride }
        func block(_ w: Int) -> UnsafeMutablePointer<Float> { channelBlock.pointer + w * blockStride }
    }

    // MARK: The three kernels

    /// Winograd F(2×2, 3×3) is used where it applies unless `HARNESS_WINOGRAD=0` (for comparisons).
    public static let winogradEnabled: Bool = ProcessInfo.processInfo.environment["HARNESS_WINOGRAD"] != "0"

    static func useWinograd(_ g: Conv2DGeometry) -> Bool { winogradEnabled && Winograd.applicable(g) }
    static func useNarrow(_ g: Conv2DGeometry) -> Bool { NarrowConvolution.applicable(g) }

    /// y = w · im2col(x); w is [outC, inC·kh·kw], y is [N, outC, Ho, Wo].
    public static func forward(input x: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                               output y: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        if useWinograd(g) { Winograd.forward(input: x, weight: w, output: y, geometry: g); return }
        if useNarrow(g) { NarrowConvolution.forward(input: x, weight: w, output: y, geometry: g); return }
        let k = g.patchSize, plane = g.outPlane
        let blocks = blocks(g)
        let scratch = Scratch(g, blocks, workers: Parallel.workerCount)
        defer { scratch.release() }
        run(blocks) { worker, b, parallel in
            let n = columns(b, g)
            let colsPtr: UnsafePointer<Float>, ldb: Int
            if g.isPointwise && b.imageCount == 1 {
                colsPtr = x + b.firstImage * g.inChannels * g.inPlane + b.rowStart * g.outWidth; ldb = plane
            } else {
                im2colBlock(x, g, b, scratch.cols(worker), parallel: parallel)
                colsPtr = UnsafePointer(scratch.cols(worker)); ldb = n
            }
            if b.imageCount == 1 {
                gemm(parallel: parallel, transA: false, transB: false, m: g.outChannels, n: n, k: k, a: w, lda: k,
                     b: colsPtr, ldb: ldb, beta: 0,
                     c: y + b.firstImage * g.outChannels * plane + b.rowStart * g.outWidth, ldc: plane)
            } else {
                let out = scratch.block(worker)
                gemm(parallel: parallel, transA: false, transB: false, m: g.outChannels, n: n, k: k, a: w, lda: k,
                     b: colsPtr, ldb: ldb, beta: 0, c: out, ldc: n)
                gatherChannels(y, channels: g.outChannels, plane: plane, g, b, out, scatter: true, parallel: parallel)
            }
        }
    }

    /// dx = col2im(wᵀ · dy). Overwrites `dx`. This is also the forward of a transposed convolution.
    public static func backwardInput(gradOutput dy: UnsafePointer<Float>, weight w: UnsafePointer<Float>,
                                     gradInput dx: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        if useWinograd(g) { Winograd.backwardInput(gradOutput: dy, weight: w, gradInput: dx, geometry: g); return }
        if useNarrow(g) { NarrowConvolution.backwardInput(gradOutput: dy, weight: w, gradInput: dx, geometry: g); return }
        let k = g.patchSize, plane = g.outPlane
        let blocks = blocks(g)
        let scratch = Scratch(g, blocks, workers: Parallel.workerCount)
        defer { scratch.release() }
        let direct = g.isPointwise && blocks.allSatisfy { $0.imageCount == 1 }
        if !direct { Elementwise.fill(dx, count: g.batch * g.inChannels * g.inPlane, value: 0) }
        // Bands of one image write overlapping input rows: only whole-image blocks run in parallel.
        let wholeImages = blocks.allSatisfy { $0.rowStart == 0 && $0.rowEnd == g.outHeight } || direct
        run(blocks, allowParallelBlocks: wholeImages) { worker, b, parallel in
            let n = columns(b, g)
            let (dyPtr, ldb) = outputBlock(dy, g, b, scratch.block(worker), parallel: parallel)
            if direct {
                gemm(parallel: parallel, transA: true, transB: false, m: k, n: n, k: g.outChannels, a: w, lda: k,
                     b: dyPtr, ldb: ldb, beta: 0,
                     c: dx + b.firstImage * g.inChannels * g.inPlane + b.rowStart * g.outWidth, ldc: plane)
                return
            }
            let cols = scratch.cols(worker)
            gemm(parallel: parallel, transA: true, transB: false, m: k, n: n, k: g.outChannels, a: w, lda: k,
                 b: dyPtr, ldb: ldb, beta: 0, c: cols, ldc: n)
            let span = (b.rowEnd - b.rowStart) * g.outWidth
            let work = b.imageCount * g.inChannels
            let scatter = { (range: Range<Int>) in
                for i in range {
                    let image = i / g.inChannels, c = i % g.inChannels
                    col2im(cols + image * span, g, rows: b.rowStart, b.rowEnd,
                           dx + (b.firstImage + image) * g.inChannels * g.inPlane, ldc: n, channels: c..<(c + 1))
                }
            }
            if parallel { Parallel.forEachChunk(work, scatter) } else { scatter(0..<work) }
        }
    }

    /// dw = Σ_b dy[b] · im2col(x[b])ᵀ, shape [outC, inC·kh·kw]. Overwrites `dw`.
    /// Workers accumulate partial sums over their blocks; partials are added in worker order, so the
    /// bits do not depend on thread timing.
    public static func backwardWeight(input x: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
                                      gradWeight dw: UnsafeMutablePointer<Float>, geometry g: Conv2DGeometry) {
        if useWinograd(g) { Winograd.backwardWeight(input: x, gradOutput: dy, gradWeight: dw, geometry: g); return }
        if useNarrow(g) { NarrowConvolution.backwardWeight(input: x, gradOutput: dy, gradWeight: dw, geometry: g); return }
        let k = g.patchSize, plane = g.outPlane, wCount = g.outChannels * k
        let blocks = blocks(g)
        let workers = Parallel.workerCount
        let scratch = Scratch(g, blocks, workers: workers)
        let partialBuffer = ScratchBuffer(count: workers * wCount)
        let partials = partialBuffer.pointer
        let used = UnsafeMutablePointer<Bool>.allocate(capacity: workers)
        used.initialize(repeating: false, count: workers)
        defer { scratch.release(); partialBuffer.release(); used.deallocate() }
        run(blocks) { worker, b, parallel in
            let n = columns(b, g)
            let (dyPtr, ldDy) = outputBlock(dy, g, b, scratch.block(worker), parallel: parallel)
            let colsPtr: UnsafePointer<Float>, ldCols: Int
            if g.isPointwise && b.imageCount == 1 {
                colsPtr = x + b.firstImage * g.inChannels * g.inPlane + b.rowStart * g.outWidth; ldCols = plane
            } else {
                im2colBlock(x, g, b, scratch.cols(worker), parallel: parallel)
                colsPtr = UnsafePointer(scratch.cols(worker)); ldCols = n
            }
            gemm(parallel: parallel, transA: false, transB: true, m: g.outChannels, n: k, k: n,
                 a: dyPtr, lda: ldDy, b: colsPtr, ldb: ldCols, beta: used[worker] ? 1 : 0,
                 c: partials + worker * wCount, ldc: k)
            used[worker] = true
        }
        Elementwise.fill(dw, count: wCount, value: 0)
        for worker in 0..<workers where used[worker] {
            let part = partials + worker * wCount
            Parallel.forEachChunk(wCount, minimumPerWorker: 1 << 16) { r in
                for i in r { dw[i] += part[i] }
            }
        }
    }
}
