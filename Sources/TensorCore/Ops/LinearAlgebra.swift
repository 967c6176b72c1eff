import Kernels

/// Matrix product op(a)·op(b) of rank-2 tensors via sgemm, with optional transposes so that the
/// backward never materialises a transpose. Each backward is another `matmul`, so the rule is
/// differentiable to any order.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    if a.rank != 2 || b.rank != 2 {
        ShapeError.fail("matmul", "expects matrices, got \(describe(a.shape)) and \(describe(b.shape))")
    }
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    if k != kb {
        ShapeError.fail("matmul", "inner sizes differ: \(describe(a.shape))\(transposeA ? "ᵀ" : "") · \(describe(b.shape))\(transposeB ? "ᵀ" : "")")
    }
    let out = Tensor(uninitializedShape: [m, n])
    BLAS.parallelGEMM(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                      a: a.pointer, lda: a.shape[1], b: b.pointer, ldb: b.shape[1], c: out.pointer, ldc: n)
    return Tensor.record("matmul", out, inputs: [a, b]) { g, needs in
        let da: Tensor?, db: Tensor?
        switch (transposeA, transposeB) {
        case (false, false):
            da = needs[0] ? matmul(g, b, transposeB: true) : nil
            db = needs[1] ? matmul(a, g, transposeA: true) : nil
        case (false, true):
            da = needs[0] ? matmul(g, b) : nil
            db = needs[1] ? matmul(g, a, transposeA: true) : nil
        case (true, false):
            da = needs[0] ? matmul(b, g, transposeB: true) : nil
            db = needs[1] ? matmul(a, g) : nil
        case (true, true):
            da = needs[0] ? matmul(b, g, transposeA: true, transposeB: true) : nil
            db = needs[1] ? matmul(g, a, transposeA: true, transposeB: true) : nil
        }
        return [da, db]
    }
}

/// y = x·wᵀ + b with PyTorch's `nn.Linear` weight layout [out, in].
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    if x.rank != 2 || weight.rank != 2 || x.shape[1] != weight.shape[1] {
        ShapeError.fail("linear", "input \(describe(x.shape)) does not match weight \(describe(weight.shape)) ([out, in])")
    }
    let y = matmul(x, weight, transposeB: true)
    guard let bias else { return y }
    return y + bias.reshaped([1, weight.shape[0]])
}
