import Foundation
import Kernels

// Elementwise functions. Rules that need the op's own output (exp, tanh, sigmoid, sqrt) use the
// saved values when the backward is not recorded, and recompute the output from the input when it
// is (`createGraph`), so that second derivatives see the dependence on the input.

extension Tensor {
    func mapped<F: UnaryFunction>(_ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        Elementwise.map(pointer, out.pointer, count: count, f)
        return out
    }

    /// A constant tensor (never recorded) computed elementwise from this one, e.g. a derivative mask.
    func constantMap(_ f: @escaping (Float) -> Float) -> Tensor { mapped(UnaryClosure(f)) }

    /// self · mask(x) in one pass, for backward rules whose derivative is piecewise constant in x
    /// (relu, leaky relu, abs, clamp): the mask has no derivative, so the only input is `self`.
    func maskedProduct<Mask: UnaryFunction>(by x: Tensor, _ mask: Mask) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        Elementwise.zip(pointer, x.pointer, out.pointer, count: count, MaskedProduct(mask: mask))
        return Tensor.record("maskedProduct", out, inputs: [self]) { g, _ in [g.maskedProduct(by: x, mask)] }
    }

    /// The output values as a constant, or recomputed differentiably when the backward is recorded.
    func savedOrRecomputed(_ saved: Tensor, _ recompute: (Tensor) -> Tensor) -> Tensor {
        GradMode.isEnabled ? recompute(self) : saved
    }

    public func exp() -> Tensor {
        let y = mapped(ExpFunction())
        let saved = y.detached()
        return Tensor.record("exp", y, inputs: [self]) { g, _ in [g * self.savedOrRecomputed(saved) { $0.exp() }] }
    }

    public func log() -> Tensor {
        Tensor.record("log", mapped(LogFunction()), inputs: [self]) { g, _ in [g / self] }
    }

    /// log(1 + x), accurate for small x.
    public func log1p() -> Tensor {
        Tensor.record("log1p", mapped(Log1pFunction()), inputs: [self]) { g, _ in [g / self.shifted(by: 1)] }
    }

    public func sqrt() -> Tensor {
        let y = mapped(SqrtFunction())
        let saved = y.detached()
        return Tensor.record("sqrt", y, inputs: [self]) { g, _ in
            [g.scaled(by: 0.5) / self.savedOrRecomputed(saved) { $0.sqrt() }]
        }
    }

    /// xᵖ for a constant exponent. Backward: p·xᵖ⁻¹ (itself differentiable through `pow`).
    public func pow(_ p: Float) -> Tensor {
        if p == 1 { return Tensor.record("pow", detached(), inputs: [self]) { g, _ in [g] } }
        let y = p == 2 ? mapped(SquareFunction()) : mapped(PowFunction(p: p))
        return Tensor.record("pow", y, inputs: [self]) { g, _ in
            if p == 2 { return [g * self.scaled(by: 2)] }
            return [g * self.pow(p - 1).scaled(by: p)]
        }
    }

    public func squared() -> Tensor { pow(2) }

    public func abs() -> Tensor {
        Tensor.record("abs", mapped(AbsFunction()), inputs: [self]) { g, _ in [g.maskedProduct(by: self, SignFunction())] }
    }

    public func tanh() -> Tensor {
        let y = mapped(TanhFunction())
        let saved = y.detached()
        return Tensor.record("tanh", y, inputs: [self]) { g, _ in
            let t = self.savedOrRecomputed(saved) { $0.tanh() }
            return [g * (1 - t * t)]
        }
    }

    public func sigmoid() -> Tensor {
        let y = mapped(SigmoidFunction())
        let saved = y.detached()
        return Tensor.record("sigmoid", y, inputs: [self]) { g, _ in
            let s = self.savedOrRecomputed(saved) { $0.sigmoid() }
            return [g * s * (1 - s)]
        }
    }

    public func relu() -> Tensor { leakyRelu(slope: 0) }

    /// max(x, 0) + slope·min(x, 0). The derivative mask is piecewise constant, so the rule is exact
    /// to any order.
    ///
    /// For slope ≥ 0 the output is positive exactly where the input is, so the backward reads its
    /// mask from the output: that is the tensor the next layer (a convolution) keeps anyway, and the
    /// input — usually a normalisation's output — is freed after the forward pass. One activation
    /// fewer per conv–norm–ReLU block (PyTorch saves the same with an in-place ReLU).
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        let y = mapped(LeakyReluFunction(slope: slope))
        let maskSource = slope >= 0 ? y.detached() : self
        return Tensor.record(slope == 0 ? "relu" : "leakyRelu", y, inputs: [self]) { g, _ in
            [g.maskedProduct(by: maskSource, LeakyReluSlope(slope: slope))]
        }
    }

    /// PReLU with one shared learnable slope `a` (a tensor of one element, as `nn.PReLU()`).
    public func prelu(_ a: Tensor) -> Tensor {
        if a.count != 1 { ShapeError.fail("prelu", "slope must have one element, got shape \(describe(a.shape))") }
        let slope = a.pointer[0]
        let y = mapped(LeakyReluFunction(slope: slope))
        return Tensor.record("prelu", y, inputs: [self, a]) { g, needs in
            let negative = self.constantMap { $0 > 0 ? 0 : 1 }
            let dx: Tensor? = needs[0]
                ? g.maskedProduct(by: self, LeakyReluSlope(slope: 0)) + g * a.reshaped(Array(repeating: 1, count: self.rank)) * negative
                : nil
            let da: Tensor? = needs[1] ? (g * self * negative).sum().reshaped(a.shape) : nil
            return [dx, da]
        }
    }

    /// Clamps to [low, high]; the gradient passes where low ≤ x ≤ high (PyTorch convention).
    public func clamped(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        Tensor.record("clamp", mapped(ClampFunction(low: low, high: high)), inputs: [self]) { g, _ in
            [g.maskedProduct(by: self, InsideFunction(low: low, high: high))]
        }
    }

    // MARK: Constant masks (never differentiated)

    public func greater(than v: Float) -> Tensor { mapped(ThresholdFunction(value: v, above: true)) }
    public func less(than v: Float) -> Tensor { mapped(ThresholdFunction(value: v, above: false)) }
}
