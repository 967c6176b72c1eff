import TensorCore

/// Comparing weights after a few optimiser steps with PyTorch's. Adam divides each gradient by its
/// own running magnitude, so an element whose gradient is rounding noise (a label channel's weight
/// seen through instance norm, a bias right before a non-affine instance norm) moves by ±lr in
/// either implementation with an arbitrary sign. The comparison therefore asks that nearly every
/// element agrees closely (`atol`), and that none differs by more than those noise-driven steps can
/// explain (`maxSteps`·lr).
public struct StepParity {
    public let atol: Float
    public let learningRate: Float
    public let maxSteps: Float
    public private(set) var elements = 0
    public private(set) var outliers = 0
    public private(set) var worst: Float = 0
    public private(set) var failures: [String] = []
    /// Elements beyond `atol`, by tensor name.
    public private(set) var outliersByName: [String: Int] = [:]

    public init(atol: Float, learningRate: Float, maxSteps: Float) {
        self.atol = atol; self.learningRate = learningRate; self.maxSteps = maxSteps
    }

    public mutating func compare(_ name: String, ours: Tensor, reference: Tensor) {
        guard ours.count == reference.count else { failures.append("\(name): \(ours.shape) vs \(reference.shape)"); return }
        let a = ours.scalars, b = reference.scalars
        for i in 0..<a.count {
            let error = abs(a[i] - b[i])
            elements += 1
            worst = max(worst, error.isNaN ? .infinity : error)
            if !(error <= atol) { outliers += 1; outliersByName[name, default: 0] += 1 }
            if !(error <= maxSteps * learningRate * 1.01) { failures.append("\(name)[\(i)]: ours \(a[i]), reference \(b[i])") }
        }
    }

    /// Fraction of elements outside `atol`.
    public var outlierFraction: Double { elements == 0 ? 0 : Double(outliers) / Double(elements) }

    public var summary: String {
        "\(elements) elements, \(outliers) beyond \(atol) (\(outlierFraction)), worst |Δ| \(worst)"
            + (outliersByName.isEmpty ? "" : " in " + outliersByName.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
            + (failures.isEmpty ? "" : "; beyond \(maxSteps)·lr: " + failures.prefix(5).joined(separator: ", "))
    }
}
