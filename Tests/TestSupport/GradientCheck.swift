import Foundation
import TensorCore

/// Finite-difference checks of the tape's gradients.
///
/// The function's output is contracted with a fixed random tensor r (L = Σ r·f(x)), so that no
/// gradient component can cancel by symmetry; L is accumulated in Double. First order compares
/// ∂L/∂x from `gradients` with central differences of L. Second order differentiates
/// H = Σ s·∂L/∂x (the gradient taken with `createGraph: true`) and compares it with central
/// differences of H, i.e. it checks that the backward pass is itself differentiated correctly.
public struct GradientCheckReport: CustomStringConvertible {
    public var maxAbsoluteError: Double = 0
    public var maxRelativeError: Double = 0
    public var worst: String = ""
    public var checked = 0

    /// |a − n| ≤ atol + rtol·|n| for every component.
    public var failures: [String] = []
    public var passed: Bool { failures.isEmpty }

    public var description: String {
        "checked \(checked) components, max abs error \(maxAbsoluteError), max rel error \(maxRelativeError); worst \(worst)"
            + (failures.isEmpty ? "" : "\nfailures:\n" + failures.prefix(10).joined(separator: "\n"))
    }
}

public enum GradientCheck {
    static func contract(_ y: Tensor, _ r: [Float]) -> Double {
        let v = y.scalars
        var s = 0.0
        for i in 0..<v.count { s += Double(v[i]) * Double(r[i]) }
        return s
    }

    static func perturbed(_ inputs: [Tensor], _ k: Int, _ j: Int, _ delta: Float) -> [Tensor] {
        var copy = inputs.map { $0.copied() }
        copy[k].withUnsafeMutableBufferPointer { $0[j] += delta }
        return copy
    }

    /// Checks ∂/∂inputs of Σ r·f(inputs). `maxComponents` samples components of large inputs.
    public static func firstOrder(_ f: ([Tensor]) -> Tensor, at inputs: [Tensor], eps: Float = 1e-3,
                                  atol: Double = 1e-3, rtol: Double = 1e-2, seed: UInt64 = 7,
                                  maxComponents: Int = 400) -> GradientCheckReport {
        var gen = RandomGenerator(seed: seed)
        let leaves = inputs.map { $0.copied().requiringGradient() }
        let y = f(leaves)
        let r = Tensor.normal(y.shape, generator: &gen)
        let analytic = gradients(of: y, wrt: leaves, seed: r).map(\.scalars)
        let rs = r.scalars
        let numeric: ([Tensor]) -> Double = { xs in contract(withoutGradients { f(xs) }, rs) }
        return compare(inputs: inputs, analytic: analytic, eps: eps, atol: atol, rtol: rtol,
                       maxComponents: maxComponents, generator: &gen, value: numeric)
    }

    /// Checks the gradient of H = Σ s·∂(Σ r·f)/∂x₀ with respect to every input (second order).
    /// `differentiateAt` picks which input's first-order gradient H contracts (default: input 0).
    public static func secondOrder(_ f: ([Tensor]) -> Tensor, at inputs: [Tensor], differentiateAt: Int = 0,
                                   eps: Float = 1e-2, atol: Double = 2e-3, rtol: Double = 2e-2, seed: UInt64 = 11,
                                   maxComponents: Int = 200) -> GradientCheckReport {
        var gen = RandomGenerator(seed: seed)
        let probe = withoutGradients { f(inputs) }
        let r = Tensor.normal(probe.shape, generator: &gen)
        let s = Tensor.normal(inputs[differentiateAt].shape, generator: &gen)
        let ss = s.scalars
        func h(_ xs: [Tensor], createGraph: Bool) -> (Tensor, [Tensor]) {
            let leaves = xs.map { $0.copied().requiringGradient() }
            let y = f(leaves)
            let g = gradients(of: y, wrt: [leaves[differentiateAt]], seed: r, createGraph: createGraph)[0]
            return ((g * s).sum(), leaves)
        }
        let (hValue, leaves) = h(inputs, createGraph: true)
        let analytic = gradients(of: hValue, wrt: leaves).map(\.scalars)
        let numeric: ([Tensor]) -> Double = { xs in
            let (v, _) = h(xs, createGraph: false)
            _ = ss
            return Double(v.scalar)
        }
        return compare(inputs: inputs, analytic: analytic, eps: eps, atol: atol, rtol: rtol,
                       maxComponents: maxComponents, generator: &gen, value: numeric)
    }

    static func compare(inputs: [Tensor], analytic: [[Float]], eps: Float, atol: Double, rtol: Double,
                        maxComponents: Int, generator: inout RandomGenerator,
                        value: ([Tensor]) -> Double) -> GradientCheckReport {
        var report = GradientCheckReport()
        for k in inputs.indices {
            let n = inputs[k].count
            let components = n <= maxComponents ? Array(0..<n) : Array(generator.permutation(n).prefix(maxComponents))
            for j in components {
                let plus = value(perturbed(inputs, k, j, eps))
                let minus = value(perturbed(inputs, k, j, -eps))
                let numeric = (plus - minus) / (2 * Double(eps))
                let a = Double(analytic[k][j])
                let err = Swift.abs(a - numeric)
                let rel = err / Swift.max(Swift.abs(numeric), 1e-6)
                report.checked += 1
                if err > report.maxAbsoluteError {
                    report.maxAbsoluteError = err
                    report.worst = "input \(k)[\(j)]: analytic \(a), numeric \(numeric)"
                }
                if Swift.abs(numeric) > 1e-3 { report.maxRelativeError = Swift.max(report.maxRelativeError, rel) }
                if err > atol + rtol * Swift.abs(numeric) {
                    report.failures.append("input \(k)[\(j)]: analytic \(a), numeric \(numeric)")
                }
            }
        }
        return report
    }
}
