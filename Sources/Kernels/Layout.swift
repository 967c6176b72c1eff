/// Data-movement kernels: permutation, box copies (slice, pad, concat) and reflection padding.
public enum Layout {
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { s[d] = acc; acc *= shape[d] }
        return s
    }

    /// out = src permuted: out.shape[i] = shape[perm[i]].
    public static func permute(_ src: UnsafePointer<Float>, shape: [Int], perm: [Int],
                               into out: UnsafeMutablePointer<Float>) {
        let inStrides = contiguousStrides(shape)
        var sizes = perm.map { shape[$0] }
        var strides = perm.map { inStrides[$0] }
        // Merge output axes that are also adjacent and in order in the input.
        var ms: [Int] = [], mt: [Int] = []
        for d in 0..<sizes.count where sizes[d] != 1 {
            if let lastStride = mt.last, lastStride == strides[d] * sizes[d] {
                ms[ms.count - 1] *= sizes[d]; mt[mt.count - 1] = strides[d]
            } else { ms.append(sizes[d]); mt.append(strides[d]) }
        }
        sizes = ms.isEmpty ? [1] : ms
        strides = mt.isEmpty ? [1] : mt
        let total = sizes.reduce(1, *)
        let inner = sizes.last!, innerStride = strides.last!
        let outerSizes = Array(sizes.dropLast()), outerStrides = Array(strides.dropLast())
        let rows = total / inner
        if innerStride == 1 || outerSizes.isEmpty || inner >= 64 {
            Parallel.forEachChunk(rows, minimumPerWorker: max(1, 32768 / inner)) { range in
                for row in range {
                    var rest = row, off = 0
                    for d in stride(from: outerSizes.count - 1, through: 0, by: -1) {
                        off += (rest % outerSizes[d]) * outerStrides[d]; rest /= outerSizes[d]
                    }
                    let s = src + off, o = out + row * inner
                    if innerStride == 1 { o.update(from: s, count: inner) }
                    else { for i in 0..<inner { o[i] = s[i * innerStride] } }
                }
            }
        } else {
            // Short strided inner rows (e.g. pixel shuffle): tile two axes for cache locality.
            let oSize = outerSizes.last!, oStride = outerStrides.last!
            let outer2Sizes = Array(outerSizes.dropLast()), outer2Strides = Array(outerStrides.dropLast())
            let blocks = rows / oSize
            Parallel.forEachChunk(blocks, minimumPerWorker: max(1, 32768 / (inner * oSize))) { range in
                for blk in range {
                    var rest = blk, off = 0
                    for d in stride(from: outer2Sizes.count - 1, through: 0, by: -1) {
                        off += (rest % outer2Sizes[d]) * outer2Strides[d]; rest /= outer2Sizes[d]
                    }
                    let o = out + blk * oSize * inner
                    for a in 0..<oSize {
                        let s = src + off + a * oStride
                        for i in 0..<inner { o[a * inner + i] = s[i * innerStride] }
                    }
                }
            }
        }
    }

    /// Copies a box of `size` from `src` (shape `srcShape`, starting at `srcOffset`) into `dst`
    /// (shape `dstShape`, starting at `dstOffset`). When `accumulate`, adds instead of overwriting.
    public static func copyBox(_ src: UnsafePointer<Float>, srcShape: [Int], srcOffset: [Int],
                               _ dst: UnsafeMutablePointer<Float>, dstShape: [Int], dstOffset: [Int],
                               size: [Int], accumulate: Bool = false) {
        let rank = size.count
        if size.contains(0) { return }
        let ss = contiguousStrides(srcShape), ds = contiguousStrides(dstShape)
        var srcBase = 0, dstBase = 0
        for d in 0..<rank { srcBase += srcOffset[d] * ss[d]; dstBase += dstOffset[d] * ds[d] }
        // Merge trailing axes that are whole in both buffers into one contiguous run.
        var innerDims = 1
        var inner = size[rank - 1]
        while innerDims < rank {
            let d = rank - innerDims
            if size[d] == srcShape[d] && size[d] == dstShape[d] {
                inner *= size[d - 1]; innerDims += 1
            } else { break }
        }
        let outerSizes = Array(size[0..<(rank - innerDims)])
        let outerS = Array(ss[0..<(rank - innerDims)]), outerD = Array(ds[0..<(rank - innerDims)])
        let rows = outerSizes.reduce(1, *)
        Parallel.forEachChunk(rows, minimumPerWorker: max(1, 65536 / inner)) { range in
            for row in range {
                var rest = row, so = srcBase, dO = dstBase
                for d in stride(from: outerSizes.count - 1, through: 0, by: -1) {
                    let i = rest % outerSizes[d]; rest /= outerSizes[d]
                    so += i * outerS[d]; dO += i * outerD[d]
                }
                if accumulate {
                    let s = src + so, o = dst + dO
                    for i in 0..<inner { o[i] += s[i] }
                } else {
                    (dst + dO).update(from: src + so, count: inner)
                }
            }
        }
    }

    @inlinable
    static func reflect(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        var j = i
        let period = 2 * (n - 1)
        j = ((j % period) + period) % period
        return j < n ? j : period - j
    }

    /// Reflection padding of the last two axes (PyTorch ReflectionPad2d). `planes` = product of leading axes.
    /// `adjoint` scatters `dst`-shaped gradients back onto `src` (accumulating), which is the backward.
    public static func reflectionPad2D(planes: Int, height h: Int, width w: Int,
                                       top: Int, bottom: Int, left: Int, right: Int,
                                       src: UnsafeMutablePointer<Float>, padded: UnsafeMutablePointer<Float>,
                                       adjoint: Bool) {
        let ph = h + top + bottom, pw = w + left + right
        let colMap = (0..<pw).map { reflect($0 - left, w) }
        Parallel.forEach(planes, minimumPerWorker: max(1, 16384 / (ph * pw))) { p in
            let s = src + p * h * w, o = padded + p * ph * pw
            for y in 0..<ph {
                let sy = reflect(y - top, h)
                let srow = s + sy * w, orow = o + y * pw
                if adjoint {
                    for x in 0..<pw { srow[colMap[x]] += orow[x] }
                } else {
                    for x in 0..<pw { orow[x] = srow[colMap[x]] }
                }
            }
        }
    }

    /// out[i] = src[indices[i]] (flat indices).
    public static func gather(_ src: UnsafePointer<Float>, indices: UnsafePointer<Int>, count: Int,
                              into out: UnsafeMutablePointer<Float>) {
        Parallel.forEachChunk(count, minimumPerWorker: 32768) { r in
            for i in r { out[i] = src[indices[i]] }
        }
    }

    /// out[indices[i]] += src[i] (flat indices; sequential so that duplicates add in a fixed order).
    public static func scatterAdd(_ src: UnsafePointer<Float>, indices: UnsafePointer<Int>, count: Int,
                                  into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count { out[indices[i]] += src[i] }
    }
}
