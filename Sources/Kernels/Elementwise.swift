/// A scalar function applied elementwise. Kernels are generic over the function's type (not over a
/// closure) so that each use is specialised and vectorised: a closure would be called indirectly
/// once per element behind the thread-pool boundary.
public protocol UnaryFunction {
    func callAsFunction(_ x: Float) -> Float
}

public protocol BinaryFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

/// Adapters for code off the hot path.
public struct UnaryClosure: UnaryFunction {
    public let f: (Float) -> Float
    @inlinable public init(_ f: @escaping (Float) -> Float) { self.f = f }
    @inlinable public func callAsFunction(_ x: Float) -> Float { f(x) }
}

public struct BinaryClosure: BinaryFunction {
    public let f: (Float, Float) -> Float
    @inlinable public init(_ f: @escaping (Float, Float) -> Float) { self.f = f }
    @inlinable public func callAsFunction(_ a: Float, _ b: Float) -> Float { f(a, b) }
}

/// Elementwise kernels over contiguous Float buffers: maps, broadcasting binary operations,
/// fills and scaled accumulations. No autodiff here; `TensorCore` wraps these.
public enum Elementwise {
    /// Buffers below this many elements are processed on the calling thread.
    public static let parallelThreshold = 1 << 15

    /// dst[i] = f(src[i]).
    @inlinable
    public static func map<F: UnaryFunction>(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int,
                                             _ f: F) {
        Parallel.forEachChunk(count, minimumPerWorker: parallelThreshold) { r in
            for i in r { dst[i] = f(src[i]) }
        }
    }

    /// dst[i] = f(a[i], b[i]) for same-shaped buffers.
    @inlinable
    public static func zip<F: BinaryFunction>(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                              _ dst: UnsafeMutablePointer<Float>, count: Int, _ f: F) {
        Parallel.forEachChunk(count, minimumPerWorker: parallelThreshold) { r in
            for i in r { dst[i] = f(a[i], b[i]) }
        }
    }

    public static func fill(_ dst: UnsafeMutablePointer<Float>, count: Int, value: Float) {
        if value == 0 {
            Parallel.forEachChunk(count, minimumPerWorker: parallelThreshold * 4) { r in
                (dst + r.lowerBound).update(repeating: 0, count: r.count)
            }
        } else {
            dst.update(repeating: value, count: count)
        }
    }

    public static func copy(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEachChunk(count, minimumPerWorker: parallelThreshold * 4) { r in
            (dst + r.lowerBound).update(from: src + r.lowerBound, count: r.count)
        }
    }

    /// y[i] += alpha * x[i].
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEachChunk(count, minimumPerWorker: parallelThreshold) { r in
            for i in r { y[i] += alpha * x[i] }
        }
    }

    /// Broadcasting binary operation: `out[outShape] = f(a[aShape], b[bShape])`, NumPy rules
    /// (shapes already right-aligned to `outShape.count` by the caller, sizes 1 broadcast).
    @inlinable
    public static func broadcast<F: BinaryFunction>(_ a: UnsafePointer<Float>, aShape: [Int],
                                                    _ b: UnsafePointer<Float>, bShape: [Int],
                                                    _ out: UnsafeMutablePointer<Float>, outShape: [Int], _ f: F) {
        let count = outShape.reduce(1, *)
        if aShape == outShape && bShape == outShape {
            zip(a, b, out, count: count, f)
            return
        }
        let plan = BroadcastPlan(outShape: outShape, aShape: aShape, bShape: bShape)
        let inner = plan.innerCount
        let rows = count / max(inner, 1)
        let sa = plan.innerStrideA, sb = plan.innerStrideB
        Parallel.forEachChunk(rows, minimumPerWorker: max(1, parallelThreshold / max(inner, 1))) { range in
            var offsets = plan.offsets(ofRow: range.lowerBound)
            for row in range {
                let pa = a + offsets.a, pb = b + offsets.b, po = out + row * inner
                switch (sa, sb) {
                case (1, 1): for i in 0..<inner { po[i] = f(pa[i], pb[i]) }
                case (1, 0): let vb = pb[0]; for i in 0..<inner { po[i] = f(pa[i], vb) }
                case (0, 1): let va = pa[0]; for i in 0..<inner { po[i] = f(va, pb[i]) }
                default: let v = f(pa[0], pb[0]); for i in 0..<inner { po[i] = v }
                }
                plan.advance(&offsets)
            }
        }
    }
}

/// Precomputed strides for iterating a broadcast: the output is walked row by row (the innermost
/// merged dimension), and each operand either moves with the row (stride 1) or stays (stride 0).
public struct BroadcastPlan: Sendable {
    /// Outer dimensions (all but the innermost merged one): sizes and per-operand strides.
    public var outerSizes: [Int]
    public var outerStridesA: [Int]
    public var outerStridesB: [Int]
    public var innerCount: Int
    public var innerStrideA: Int
    public var innerStrideB: Int

    public struct Offsets: Sendable {
        public var a: Int
        public var b: Int
        public var index: [Int]
        @inlinable public init(a: Int, b: Int, index: [Int]) { self.a = a; self.b = b; self.index = index }
    }

    public init(outShape: [Int], aShape: [Int], bShape: [Int]) {
        // Strides of each operand in output coordinates (0 where the operand broadcasts).
        func strides(_ shape: [Int]) -> [Int] {
            var s = [Int](repeating: 0, count: shape.count)
            var acc = 1
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                s[d] = shape[d] == 1 ? 0 : acc
                acc *= shape[d]
            }
            return s
        }
        var sizes: [Int] = []
        var sa: [Int] = []
        var sb: [Int] = []
        let fa = strides(aShape), fb = strides(bShape)
        for d in 0..<outShape.count where outShape[d] != 1 {
            // Merge with the previous dimension when both operands stay contiguous across it.
            if let last = sizes.last,
               sa.last! == fa[d] * outShape[d], sb.last! == fb[d] * outShape[d] {
                sizes[sizes.count - 1] = last * outShape[d]
                sa[sa.count - 1] = fa[d]
                sb[sb.count - 1] = fb[d]
            } else {
                sizes.append(outShape[d]); sa.append(fa[d]); sb.append(fb[d])
            }
        }
        if sizes.isEmpty { sizes = [1]; sa = [0]; sb = [0] }
        // The innermost merged dimension must have strides in {0, 1} for the fast loops; it always
        // does, because strides are products of trailing sizes and the innermost is 1 or 0.
        innerCount = sizes.removeLast()
        innerStrideA = sa.removeLast()
        innerStrideB = sb.removeLast()
        outerSizes = sizes
        outerStridesA = sa
        outerStridesB = sb
    }

    @inlinable
    public func offsets(ofRow row: Int) -> Offsets {
        var index = [Int](repeating: 0, count: outerSizes.count)
        var rest = row
        var a = 0, b = 0
        for d in stride(from: outerSizes.count - 1, through: 0, by: -1) {
            index[d] = rest % outerSizes[d]
            rest /= outerSizes[d]
            a += index[d] * outerStridesA[d]
            b += index[d] * outerStridesB[d]
        }
        return Offsets(a: a, b: b, index: index)
    }

    @inlinable
    public func advance(_ o: inout Offsets) {
        var d = outerSizes.count - 1
        while d >= 0 {
            o.index[d] += 1
            o.a += outerStridesA[d]
            o.b += outerStridesB[d]
            if o.index[d] < outerSizes[d] { return }
            o.a -= outerStridesA[d] * outerSizes[d]
            o.b -= outerStridesB[d] * outerSizes[d]
            o.index[d] = 0
            d -= 1
        }
    }
}
