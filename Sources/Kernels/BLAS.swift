import COpenBLAS

/// Row-major single-precision GEMM over raw buffers: C = alpha·op(A)·op(B) + beta·C.
///
/// BLAS is kept single-threaded (see `Parallel`); `parallelGEMM` splits one large product across
/// workers by output columns (or rows) so that each output element is still computed by one call
/// over the full K, which keeps the bits independent of the split.
public enum BLAS {
    /// OpenBLAS threads are switched off once, before the first product (thread-safe lazy global).
    public static let configured: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    @inlinable
    public static func ensureConfigured() {
        _ = configured
    }

    /// C[M×N] = alpha · op(A) · op(B) + beta · C, all row-major with leading dimensions given.
    @inlinable
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float = 1,
                            a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        ensureConfigured()
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched when k == 0 only if beta == 1; make the semantics explicit.
            for i in 0..<m {
                let row = c + i * ldc
                for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
            }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Same as `gemm`, with the output split across workers (columns when N is the larger side,
    /// rows otherwise). Used for single large products (linear layers, batched-as-one convolutions).
    public static func parallelGEMM(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                    alpha: Float = 1,
                                    a: UnsafePointer<Float>, lda: Int,
                                    b: UnsafePointer<Float>, ldb: Int,
                                    beta: Float = 0,
                                    c: UnsafeMutablePointer<Float>, ldc: Int) {
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        if flops < 4e6 || Parallel.workerCount == 1 {
            gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        if n >= m {
            // Split columns in blocks of 16 so each output element sees the same micro-kernel path.
            let blocks = (n + 15) / 16
            Parallel.forEachChunk(blocks) { range in
                let j0 = range.lowerBound * 16
                let j1 = min(n, range.upperBound * 16)
                let bPtr = transB ? b + j0 * ldb : b + j0
                gemm(transA: transA, transB: transB, m: m, n: j1 - j0, k: k, alpha: alpha, a: a, lda: lda,
                     b: bPtr, ldb: ldb, beta: beta, c: c + j0, ldc: ldc)
            }
        } else {
            let blocks = (m + 15) / 16
            Parallel.forEachChunk(blocks) { range in
                let i0 = range.lowerBound * 16
                let i1 = min(m, range.upperBound * 16)
                let aPtr = transA ? a + i0 : a + i0 * lda
                gemm(transA: transA, transB: transB, m: i1 - i0, n: n, k: k, alpha: alpha, a: aPtr, lda: lda,
                     b: b, ldb: ldb, beta: beta, c: c + i0 * ldc, ldc: ldc)
            }
        }
    }
}
