import Foundation
import Kernels

// Elementwise functions. Rules that need the op's own output (exp, tanh, sigmoid, sqrt) use the
// saved values when the backward is not recorded, and recompute the output from the input when it
// is (`createGraph`), so that second derivatives see the dependence on the input.

extension Tensor {
    func mapped(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        Elementwise.map(pointer, out.pointer, count: count, f)
        return out
    }

    /// A constant tensor (never recorded) computed elementwise from this one, e.g. a derivative mask.
    func constantMap(_ f: (Float) -> Float) -> Tensor { mapped(f) }

    /// The output values as a constant, or recomputed differentiably when the backward is recorded.
    func savedOrRecomputed(_ saved: Tensor, _ recompute: (Tensor) -> Tensor) -> Tensor {
        GradMode.isEnabled ? recompute(self) : saved
    }

    public func exp() -> Tensor {
        let y = mapped { Foundation.exp($0) }
        let saved = y.detached()
        return Tensor.record("exp", y, inputs: [self]) { g, _ in [g * self.savedOrRecomputed(saved) { $0.exp() }] }
    }

    public func log() -> Tensor {
        Tensor.record("log", mapped { Foundation.log($0) }, inputs: [self]) { g, _ in [g / self] }
    }

    /// log(1 + x), accurate for small x.
    public func log1p() -> Tensor {
        Tensor.record("log1p", mapped { Foundation.log1p($0) }, inputs: [self]) { g, _ in [g / self.shifted(by: 1)] }
    }

    public func sqrt() -> Tensor {
        let y = mapped { $0.squareRoot() }
        let saved = y.detached()
        return Tensor.record("sqrt", y, inputs: [self]) { g, _ in
            [g.scaled(by: 0.5) / self.savedOrRecomputed(saved) { $0.sqrt() }]
        }
    }

    /// xᵖ for a constant exponent. Backward: p·xᵖ⁻¹ (itself differentiable through `pow`).
    public func pow(_ p: Float) -> Tensor {
        let y: Tensor
        if p == 2 { y = mapped { $0 * $0 } } else if p == 1 { y = mapped { $0 } } else { y = mapped { Foundation.pow($0, p) } }
        return Tensor.record("pow", y, inputs: [self]) { g, _ in
            if p == 1 { return [g] }
            if p == 2 { return [g * self.scaled(by: 2)] }
            return [g * self.pow(p - 1).scaled(by: p)]
        }
    }

    public func squared() -> Tensor { pow(2) }

    public func abs() -> Tensor {
        let y = mapped { Swift.abs($0) }
        return Tensor.record("abs", y, inputs: [self]) { g, _ in
            [g * self.constantMap { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }]
        }
    }

    public func tanh() -> Tensor {
        let y = mapped { Foundation.tanh($0) }
        let saved = y.detached()
        return Tensor.record("tanh", y, inputs: [self]) { g, _ in
            let t = self.savedOrRecomputed(saved) { $0.tanh() }
            return [g * (1 - t * t)]
        }
    }

    public func sigmoid() -> Tensor {
        let y = mapped { v in v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v)) }
        let saved = y.detached()
        return Tensor.record("sigmoid", y, inputs: [self]) { g, _ in
            let s = self.savedOrRecomputed(saved) { $0.sigmoid() }
            return [g * s * (1 - s)]
        }
    }

    public func relu() -> Tensor {
        Tensor.record("relu", mapped { $0 > 0 ? $0 : 0 }, inputs: [self]) { g, _ in
            [g * self.constantMap { $0 > 0 ? 1 : 0 }]
        }
    }

    /// max(x, 0) + slope·min(x, 0). The derivative mask is piecewise constant, so the rule is exact
    /// to any order.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.record("leakyRelu", mapped { $0 > 0 ? $0 : $0 * slope }, inputs: [self]) { g, _ in
            [g * self.constantMap { $0 > 0 ? 1 : slope }]
        }
    }

    /// PReLU with one shared learnable slope `a` (a tensor of one element, as `nn.PReLU()`).
    public func prelu(_ a: Tensor) -> Tensor {
        if a.count != 1 { ShapeError.fail("prelu", "slope must have one element, got shape \(describe(a.shape))") }
        let slope = a.pointer[0]
        let y = mapped { $0 > 0 ? $0 : $0 * slope }
        return Tensor.record("prelu", y, inputs: [self, a]) { g, needs in
            let dx: Tensor? = needs[0] ? g * self.constantMap { $0 > 0 ? 1 : 0 }
                + g * a.reshaped(Array(repeating: 1, count: self.rank)) * self.constantMap { $0 > 0 ? 0 : 1 } : nil
            let da: Tensor? = needs[1] ? (g * self * self.constantMap { $0 > 0 ? 0 : 1 }).sum().reshaped(a.shape) : nil
            return [dx, da]
        }
    }

    /// Clamps to [low, high]; the gradient passes where low ≤ x ≤ high (PyTorch convention).
    public func clamped(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        Tensor.record("clamp", mapped { Swift.min(Swift.max($0, low), high) }, inputs: [self]) { g, _ in
            [g * self.constantMap { $0 >= low && $0 <= high ? 1 : 0 }]
        }
    }

    // MARK: Constant masks (never differentiated)

    public func greater(than v: Float) -> Tensor { withoutGradients { constantMap { $0 > v ? 1 : 0 } } }
    public func less(than v: Float) -> Tensor { withoutGradients { constantMap { $0 < v ? 1 : 0 } } }
}
