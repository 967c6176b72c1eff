import COpenBLAS

/// The few dense Float64 operations the Fréchet distance and KID need, over OpenBLAS (CBLAS) and its
/// LAPACK (declared in `COpenBLAS/shim.h`). Matrices are square n×n, row-major; the symmetric ones are
/// read from their upper triangle in row-major terms, which LAPACK sees as the lower triangle ('L').
enum DenseLinearAlgebra {
    /// C = A·B for n×n row-major matrices.
    static func multiply(_ a: [Double], _ b: [Double], n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                    1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        return c
    }

    /// C = α·A·Aᵀ for a rows×columns row-major A, full symmetric result (columns = n).
    /// `transposeFirst` gives α·Aᵀ·A instead (a columns×columns result).
    static func gram(_ a: [Double], rows: Int, columns: Int, alpha: Double, transposeFirst: Bool) -> [Double] {
        let n = transposeFirst ? columns : rows, k = transposeFirst ? rows : columns
        var c = [Double](repeating: 0, count: n * n)
        cblas_dsyrk(CblasRowMajor, CblasUpper, transposeFirst ? CblasTrans : CblasNoTrans,
                    Int32(n), Int32(k), alpha, a, Int32(columns), 0, &c, Int32(n))
        for i in 0..<n {
            for j in 0..<i { c[i * n + j] = c[j * n + i] }
        }
        return c
    }

    /// C = A·Bᵀ for row-major A (m×k) and B (n×k).
    static func multiplyTransposed(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(k), 0, &c, Int32(n))
        return c
    }

    /// Eigenvalues (ascending) and, when asked, eigenvectors of a symmetric n×n matrix (LAPACK dsyevd).
    /// The eigenvectors come back as the rows of `vectors` (column-major columns read row-major).
    static func symmetricEigen(_ matrix: [Double], n: Int, wantVectors: Bool) throws -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var jobz: CChar = wantVectors ? 0x56 /* V */ : 0x4E /* N */
        var uplo: CChar = 0x4C // 'L' in column-major = upper triangle in row-major
        var size = Int32(n), lda = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery = 0.0, iworkQuery: Int32 = 0
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &w, &workQuery, &lwork, &iworkQuery, &liwork, &info)
        guard info == 0 else { throw MetricError.lapackFailure(routine: "dsyevd (workspace query)", info: Int(info)) }
        lwork = Int32(workQuery.rounded(.up))
        liwork = max(iworkQuery, 1)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw MetricError.lapackFailure(routine: "dsyevd", info: Int(info)) }
        return (w, a)
    }

    /// Eigenvalues (real and imaginary parts) of a general n×n matrix (LAPACK dgeev, no vectors).
    /// Row-major input is the transpose for LAPACK, which has the same eigenvalues.
    static func generalEigenvalues(_ matrix: [Double], n: Int) throws -> (real: [Double], imaginary: [Double]) {
        var a = matrix
        var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
        var no: CChar = 0x4E
        var size = Int32(n), lda = Int32(n), ldv: Int32 = 1, info: Int32 = 0, lwork: Int32 = -1
        var vl = 0.0, vr = 0.0, workQuery = 0.0
        dgeev_(&no, &no, &size, &a, &lda, &wr, &wi, &vl, &ldv, &vr, &ldv, &workQuery, &lwork, &info)
        guard info == 0 else { throw MetricError.lapackFailure(routine: "dgeev (workspace query)", info: Int(info)) }
        lwork = Int32(workQuery.rounded(.up))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeev_(&no, &no, &size, &a, &lda, &wr, &wi, &vl, &ldv, &vr, &ldv, &work, &lwork, &info)
        guard info == 0 else { throw MetricError.lapackFailure(routine: "dgeev", info: Int(info)) }
        return (wr, wi)
    }
}
