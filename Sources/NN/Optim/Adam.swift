import Foundation
import Kernels
import TensorCore

/// Adam (Kingma & Ba) with PyTorch's update order, including L2 weight decay added to the
/// gradient (`torch.optim.Adam(weight_decay=…)`, not AdamW):
///   g ← g + λ·p;  m ← m + (1 − β1)(g − m);  v ← β2·v + (1 − β2)·g²;
///   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε).
public final class Adam {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    public let weightDecay: Float
    public private(set) var step = 0

    let parameters: [Parameter]
    var firstMoments: [Tensor]
    var secondMoments: [Tensor]

    public init(_ parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                eps: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        firstMoments = parameters.map { Tensor.zeros($0.shape) }
        secondMoments = parameters.map { Tensor.zeros($0.shape) }
    }

    /// Applies one update with `gradients[i]` for `parameters[i]`.
    public func update(gradients: [Tensor]) {
        precondition(gradients.count == parameters.count,
                     "Adam.update: \(gradients.count) gradients for \(parameters.count) parameters")
        step += 1
        let bias1 = 1 - Foundation.pow(Double(beta1), Double(step))
        let bias2Sqrt = (1 - Foundation.pow(Double(beta2), Double(step))).squareRoot()
        let coefficients = AdamKernel.Coefficients(beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay,
                                                   stepSize: Float(Double(learningRate) / bias1), bias2Sqrt: Float(bias2Sqrt))
        for i in parameters.indices {
            let g = gradients[i]
            if g.shape != parameters[i].shape {
                ShapeError.fail("Adam.update", "gradient \(g.shape) for parameter \(parameters[i].shape)")
            }
            var p = parameters[i].value.detached()
            g.withUnsafeBufferPointer { gb in
                firstMoments[i].withUnsafeMutableBufferPointer { m in
                    secondMoments[i].withUnsafeMutableBufferPointer { v in
                        p.withUnsafeMutableBufferPointer { pb in
                            AdamKernel.step(parameter: pb.baseAddress!, gradient: gb.baseAddress!, firstMoment: m.baseAddress!,
                                            secondMoment: v.baseAddress!, count: pb.count, coefficients)
                        }
                    }
                }
            }
            parameters[i].value = p
        }
    }

    // MARK: Checkpointing

    /// Moments by parameter name (`exp_avg.<name>`, `exp_avg_sq.<name>`) plus the step count.
    public func stateDict(names: [String]) -> (tensors: [String: Tensor], step: Int) {
        var d = [String: Tensor]()
        for (i, n) in names.enumerated() {
            d["exp_avg." + n] = firstMoments[i]
            d["exp_avg_sq." + n] = secondMoments[i]
        }
        return (d, step)
    }

    /// Restores the moments and step; all or nothing (a failed load changes nothing).
    public func loadStateDict(_ d: [String: Tensor], step: Int, names: [String], source: String) throws {
        try preparedStateDictLoad(d, step: step, names: names, source: source).apply()
    }

    /// Checks the moments without changing the optimiser; `apply()` on the result restores them.
    public func preparedStateDictLoad(_ d: [String: Tensor], step: Int, names: [String], source: String) throws -> PreparedLoad {
        var problems: [String] = []
        if names.count != parameters.count {
            problems.append("\(names.count) parameter names for an optimiser of \(parameters.count) parameters")
        }
        if step < 0 { problems.append("step \(step) is negative") }
        var first = firstMoments, second = secondMoments
        for (i, n) in names.enumerated() where i < parameters.count {
            for (key, shape) in [("exp_avg." + n, parameters[i].shape), ("exp_avg_sq." + n, parameters[i].shape)] {
                guard let t = d[key] else { problems.append("missing '\(key)'"); continue }
                if t.shape != shape { problems.append("'\(key)' has shape \(t.shape), expected \(shape)"); continue }
                if key.hasPrefix("exp_avg_sq.") { second[i] = t } else { first[i] = t }
            }
        }
        if !problems.isEmpty { throw StateDictError(source: source, problems: problems) }
        return PreparedLoad([{ [self] in
            self.firstMoments = first
            self.secondMoments = second
            self.step = step
        }])
    }
}
