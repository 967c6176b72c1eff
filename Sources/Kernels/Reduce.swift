/// Reductions over arbitrary axis sets of a contiguous buffer.
///
/// The shape is first canonicalised: size-1 axes dropped, neighbouring axes with the same role
/// (kept or reduced) merged. The innermost merged axis decides the loop: when it is reduced, each
/// output sums contiguous runs (vectorised, accumulated in Double); when it is kept, whole rows are
/// accumulated into the output. Partial sums are always combined in a fixed order, so results are
/// deterministic for a given shape.
public enum Reduce {
    /// Canonical form of a reduction: merged axes with their role and input strides.
    public struct Plan: Sendable {
        public var sizes: [Int] = []
        public var reduced: [Bool] = []
        public var strides: [Int] = []
        public var outputCount = 1
        public var reduceCount = 1

        public init(shape: [Int], axes: Set<Int>) {
            var s = 1
            var rawStrides = [Int](repeating: 0, count: shape.count)
            for d in stride(from: shape.count - 1, through: 0, by: -1) { rawStrides[d] = s; s *= shape[d] }
            for d in 0..<shape.count where shape[d] != 1 {
                let isReduced = axes.contains(d)
                if let last = reduced.last, last == isReduced {
                    sizes[sizes.count - 1] *= shape[d]
                    strides[strides.count - 1] = rawStrides[d]
                } else {
                    sizes.append(shape[d]); reduced.append(isReduced); strides.append(rawStrides[d])
                }
                if isReduced { reduceCount *= shape[d] } else { outputCount *= shape[d] }
            }
        }

        /// Sizes and strides of the kept (output) axes and of the reduced axes, excluding the innermost.
        func split(excludingInnermost: Bool) -> (kept: [(Int, Int)], red: [(Int, Int)]) {
            var kept: [(Int, Int)] = []
            var red: [(Int, Int)] = []
            let n = excludingInnermost ? sizes.count - 1 : sizes.count
            for d in 0..<n {
                if reduced[d] { red.append((sizes[d], strides[d])) } else { kept.append((sizes[d], strides[d])) }
            }
            return (kept, red)
        }
    }

    /// Offset of the `linear`-th combination of a list of (size, stride) axes (row-major order).
    @inlinable
    static func offset(_ linear: Int, _ axes: [(Int, Int)]) -> Int {
        var rest = linear
        var off = 0
        for (size, stride) in axes.reversed() {
            off += (rest % size) * stride
            rest /= size
        }
        return off
    }

    /// Sum of a contiguous run, accumulated in SIMD lanes and combined in Double.
    @inlinable
    public static func sum(_ p: UnsafePointer<Float>, count n: Int) -> Double {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var total = 0.0
        var i = 0
        // Flush lane sums to Double every 4096 elements to bound Float rounding.
        while i + 16 <= n {
            let blockEnd = min(n - (n - i) % 16, i + 4096)
            while i < blockEnd {
                acc0 += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                acc1 += UnsafeRawPointer(p + i + 8).loadUnaligned(as: SIMD8<Float>.self)
                i += 16
            }
            total += Double((acc0 + acc1).sum())
            acc0 = SIMD8<Float>(); acc1 = SIMD8<Float>()
        }
        while i < n { total += Double(p[i]); i += 1 }
        return total
    }

    /// out[k] = Σ over reduced axes of src; `out` has `plan.outputCount` elements (kept axes in order).
    public static func sum(_ src: UnsafePointer<Float>, shape: [Int], axes: Set<Int>,
                           into out: UnsafeMutablePointer<Float>) {
        let plan = Plan(shape: shape, axes: axes)
        if plan.sizes.isEmpty {
            out[0] = src[0]
            return
        }
        if plan.reduceCount == 1 {
            Elementwise.copy(src, out, count: plan.outputCount)
            return
        }
        if plan.outputCount == 1 {
            out[0] = Float(sumAll(src, count: plan.reduceCount))
            return
        }
        if plan.reduced.last! {
            // Innermost axis reduced: each output sums contiguous runs.
            let inner = plan.sizes.last!
            let (kept, red) = plan.split(excludingInnermost: true)
            let outer = red.reduce(1) { $0 * $1.0 }
            Parallel.forEachChunk(plan.outputCount, minimumPerWorker: Swift.max(1, 65536 / (inner * outer))) { range in
                for o in range {
                    let base = offset(o, kept)
                    var total = 0.0
                    for r in 0..<outer { total += sum(src + base + offset(r, red), count: inner) }
                    out[o] = Float(total)
                }
            }
        } else {
            // Innermost axis kept: accumulate rows of length `inner` in Double.
            let inner = plan.sizes.last!
            let (kept, red) = plan.split(excludingInnermost: true)
            let outerKept = kept.reduce(1) { $0 * $1.0 }
            let redCount = red.reduce(1) { $0 * $1.0 }
            let chunk = 512
            let chunksPerRow = (inner + chunk - 1) / chunk
            Parallel.forEachChunk(outerKept * chunksPerRow,
                                  minimumPerWorker: Swift.max(1, 65536 / (chunk * redCount))) { range in
                var acc = [Double](repeating: 0, count: chunk)
                for job in range {
                    let o = job / chunksPerRow
                    let j0 = (job % chunksPerRow) * chunk
                    let len = min(chunk, inner - j0)
                    let base = offset(o, kept) + j0
                    for j in 0..<len { acc[j] = 0 }
                    for r in 0..<redCount {
                        let p = src + base + offset(r, red)
                        for j in 0..<len { acc[j] += Double(p[j]) }
                    }
                    let dst = out + o * inner + j0
                    for j in 0..<len { dst[j] = Float(acc[j]) }
                }
            }
        }
    }

    /// Sum of a whole buffer, split into fixed blocks combined in order (deterministic).
    public static func sumAll(_ src: UnsafePointer<Float>, count: Int) -> Double {
        let block = 1 << 16
        let blocks = (count + block - 1) / block
        if blocks <= 1 { return sum(src, count: count) }
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        defer { partial.deallocate() }
        Parallel.forEach(blocks, minimumPerWorker: 4) { b in
            let lo = b * block
            partial[b] = sum(src + lo, count: min(block, count - lo))
        }
        var total = 0.0
        for b in 0..<blocks { total += partial[b] }
        return total
    }

    /// out[k] = max over reduced axes; `argmax[k]` = flat index into `src` of the first maximum
    /// (NaN counts as the maximum, as in PyTorch).
    public static func max(_ src: UnsafePointer<Float>, shape: [Int], axes: Set<Int>,
                           into out: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int>) {
        let plan = Plan(shape: shape, axes: axes)
        let (kept, red) = plan.split(excludingInnermost: false)
        let redCount = red.reduce(1) { $0 * $1.0 }
        let outCount = kept.reduce(1) { $0 * $1.0 }
        Parallel.forEachChunk(outCount, minimumPerWorker: Swift.max(1, 65536 / Swift.max(redCount, 1))) { range in
            for o in range {
                let base = offset(o, kept)
                var best = -Float.infinity
                var bestIndex = base
                var first = true
                for r in 0..<redCount {
                    let idx = base + offset(r, red)
                    let v = src[idx]
                    if first || v > best || (v.isNaN && !best.isNaN) {
                        best = v; bestIndex = idx; first = false
                    }
                }
                out[o] = best
                argmax[o] = bestIndex
            }
        }
    }
}
