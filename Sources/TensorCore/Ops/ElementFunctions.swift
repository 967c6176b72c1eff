import Foundation
import Kernels

// The scalar functions behind elementwise ops, as types so the kernels specialise on them.

struct AddFunction: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
struct SubtractFunction: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
struct MultiplyFunction: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
struct DivideFunction: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
struct FirstFunction: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a } }

/// a · f(b) where f is a piecewise-constant derivative mask (relu, leaky relu, abs, clamp).
struct MaskedProduct<Mask: UnaryFunction>: BinaryFunction {
    let mask: Mask
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * mask(b) }
}

struct AffineFunction: UnaryFunction {
    let scale: Float, shift: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * scale + shift }
}
struct ExpFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
struct LogFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
struct Log1pFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log1p(x) } }
struct SqrtFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
struct SquareFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x } }
struct PowFunction: UnaryFunction {
    let p: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, p) }
}
struct AbsFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) } }
struct SignFunction: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
struct TanhFunction: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.tanh(x) } }
struct SigmoidFunction: UnaryFunction {
    @inline(__always) func callAsFunction(_ v: Float) -> Float {
        v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v))
    }
}
/// max(x, 0) + slope·min(x, 0); slope 0 is ReLU.
struct LeakyReluFunction: UnaryFunction {
    let slope: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : x * slope }
}
/// The derivative of `LeakyReluFunction`: 1 above 0, `slope` below.
struct LeakyReluSlope: UnaryFunction {
    let slope: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : slope }
}
struct ClampFunction: UnaryFunction {
    let low: Float, high: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.min(Swift.max(x, low), high) }
}
struct InsideFunction: UnaryFunction {
    let low: Float, high: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x >= low && x <= high ? 1 : 0 }
}
struct ThresholdFunction: UnaryFunction {
    let value: Float, above: Bool
    @inline(__always) func callAsFunction(_ x: Float) -> Float { (above ? x > value : x < value) ? 1 : 0 }
}
