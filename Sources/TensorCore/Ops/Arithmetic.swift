import Kernels

// Broadcasting arithmetic. Each backward reduces the incoming gradient back to the operand's shape
// with `sum(toShape:)`, whose own backward is `expanded(to:)`; the pair keeps every rule differentiable.

extension Tensor {
    static func broadcastBinary<F: BinaryFunction>(_ name: String, _ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
        let outShape = Shape.broadcast(a.shape, b.shape, op: name)
        let out = Tensor(uninitializedShape: outShape)
        let r = outShape.count
        Elementwise.broadcast(a.pointer, aShape: Shape.padded(a.shape, toRank: r),
                              b.pointer, bShape: Shape.padded(b.shape, toRank: r),
                              out.pointer, outShape: outShape, f)
        return out
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        record("add", broadcastBinary("add", a, b, AddFunction()), inputs: [a, b]) { g, needs in
            [needs[0] ? g.sum(toShape: a.shape) : nil, needs[1] ? g.sum(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        record("sub", broadcastBinary("sub", a, b, SubtractFunction()), inputs: [a, b]) { g, needs in
            [needs[0] ? g.sum(toShape: a.shape) : nil, needs[1] ? (-g).sum(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        record("mul", broadcastBinary("mul", a, b, MultiplyFunction()), inputs: [a, b]) { g, needs in
            [needs[0] ? (g * b).sum(toShape: a.shape) : nil, needs[1] ? (g * a).sum(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        record("div", broadcastBinary("div", a, b, DivideFunction()), inputs: [a, b]) { g, needs in
            [needs[0] ? (g / b).sum(toShape: a.shape) : nil,
             needs[1] ? (-(g * a) / (b * b)).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor {
        a.scaled(by: -1)
    }

    /// a · s for a constant s (no broadcast tensor needed).
    public func scaled(by s: Float) -> Tensor {
        let out = mapped(AffineFunction(scale: s, shift: 0))
        return Tensor.record("scale", out, inputs: [self]) { g, _ in [g.scaled(by: s)] }
    }

    /// a + s for a constant s.
    public func shifted(by s: Float) -> Tensor {
        let out = mapped(AffineFunction(scale: 1, shift: s))
        return Tensor.record("shift", out, inputs: [self]) { g, _ in [g] }
    }

    public static func + (a: Tensor, s: Float) -> Tensor { a.shifted(by: s) }
    public static func + (s: Float, a: Tensor) -> Tensor { a.shifted(by: s) }
    public static func - (a: Tensor, s: Float) -> Tensor { a.shifted(by: -s) }
    public static func - (s: Float, a: Tensor) -> Tensor { (-a).shifted(by: s) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.scaled(by: s) }
    public static func * (s: Float, a: Tensor) -> Tensor { a.scaled(by: s) }
    public static func / (a: Tensor, s: Float) -> Tensor { a.scaled(by: 1 / s) }
    public static func / (s: Float, a: Tensor) -> Tensor { Tensor(s) / a }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }

    /// Broadcasts to `target` (NumPy rules). Backward: `sum(toShape:)`.
    public func expanded(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let outShape = Shape.broadcast(shape, target, op: "expand")
        if outShape != target {
            ShapeError.fail("expand", "shape \(describe(shape)) cannot be expanded to \(describe(target))")
        }
        let padded = Shape.padded(shape, toRank: target.count)
        let out = Tensor(uninitializedShape: target)
        Elementwise.broadcast(pointer, aShape: padded, pointer, bShape: padded, out.pointer, outShape: target, FirstFunction())
        let original = shape
        return Tensor.record("expand", out, inputs: [self]) { g, _ in [g.sum(toShape: original)] }
    }

    /// Sums over the axes along which `target` was broadcast to this shape (the adjoint of
    /// `expanded(to:)`). Backward: `expanded(to:)`.
    public func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        let lead = shape.count - target.count
        if lead < 0 { ShapeError.fail("sum(toShape:)", "cannot reduce \(describe(shape)) to larger rank \(describe(target))") }
        var axes = Set(0..<lead)
        for d in 0..<target.count {
            if target[d] == 1 && shape[lead + d] != 1 { axes.insert(lead + d) }
            else if target[d] != shape[lead + d] {
                ShapeError.fail("sum(toShape:)", "shape \(describe(shape)) does not broadcast from \(describe(target))")
            }
        }
        let out = Tensor(uninitializedShape: target)
        Reduce.sum(pointer, shape: shape, axes: axes, into: out.pointer)
        let original = shape
        return Tensor.record("sumToShape", out, inputs: [self]) { g, _ in [g.expanded(to: original)] }
    }
}
