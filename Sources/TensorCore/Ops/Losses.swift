/// How a loss reduces its per-element values.
public enum Reduction: Sendable {
    case mean, sum, none
}

extension Tensor {
    func reduced(_ r: Reduction) -> Tensor {
        switch r {
        case .mean: return mean()
        case .sum: return sum()
        case .none: return self
        }
    }
}

/// Binary cross-entropy on logits, in the stable form max(x, 0) − x·t + log(1 + e^{−|x|})
/// (PyTorch `binary_cross_entropy_with_logits`).
public func bceWithLogits(_ logits: Tensor, targets: Tensor, reduction: Reduction = .mean) -> Tensor {
    if logits.shape != targets.shape {
        ShapeError.fail("bceWithLogits", "logits \(describe(logits.shape)) and targets \(describe(targets.shape)) differ")
    }
    let loss = logits.relu() - logits * targets + (-logits.abs()).exp().log1p()
    return loss.reduced(reduction)
}

/// Cross-entropy of logits [N, C] against class indices (PyTorch `cross_entropy`).
public func crossEntropy(_ logits: Tensor, labels: [Int], reduction: Reduction = .mean) -> Tensor {
    if logits.rank != 2 || logits.shape[0] != labels.count {
        ShapeError.fail("crossEntropy", "logits \(describe(logits.shape)) ([N, C]) for \(labels.count) labels")
    }
    let c = logits.shape[1]
    var oneHot = [Float](repeating: 0, count: logits.count)
    for (i, l) in labels.enumerated() {
        if l < 0 || l >= c { ShapeError.fail("crossEntropy", "label \(l) at row \(i) is outside 0..<\(c)") }
        oneHot[i * c + l] = 1
    }
    return crossEntropy(logits, probabilities: Tensor(shape: logits.shape, scalars: oneHot), reduction: reduction)
}

/// Cross-entropy of logits [N, C] against target distributions [N, C].
public func crossEntropy(_ logits: Tensor, probabilities: Tensor, reduction: Reduction = .mean) -> Tensor {
    if logits.shape != probabilities.shape {
        ShapeError.fail("crossEntropy", "logits \(describe(logits.shape)) and targets \(describe(probabilities.shape)) differ")
    }
    let perSample = -(logSoftmax(logits, axis: 1) * probabilities).sum(axes: [1])
    return perSample.reduced(reduction)
}

public func mseLoss(_ x: Tensor, _ y: Tensor, reduction: Reduction = .mean) -> Tensor {
    if x.shape != y.shape { ShapeError.fail("mseLoss", "shapes \(describe(x.shape)) and \(describe(y.shape)) differ") }
    return (x - y).squared().reduced(reduction)
}

public func l1Loss(_ x: Tensor, _ y: Tensor, reduction: Reduction = .mean) -> Tensor {
    if x.shape != y.shape { ShapeError.fail("l1Loss", "shapes \(describe(x.shape)) and \(describe(y.shape)) differ") }
    return (x - y).abs().reduced(reduction)
}

/// Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1 − p).
/// The mask comes from `generator`, so it is reproducible from the run's seed.
public func dropout(_ x: Tensor, probability p: Float, training: Bool, generator: inout RandomGenerator) -> Tensor {
    guard training, p > 0 else { return x }
    if p >= 1 { return x * Tensor.zeros(x.shape) }
    let mask = Tensor.bernoulli(x.shape, probability: 1 - p, generator: &generator)
    return x * mask.scaled(by: 1 / (1 - p))
}
