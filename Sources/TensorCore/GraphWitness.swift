/// A weak handle on the autograd record behind a tensor. `isAlive` says whether anything still keeps
/// that record, and with it the activations its backward pass saved, in memory: the question behind a
/// training loop whose memory grows (a loss *tensor* kept across steps keeps every step's graph).
/// Deterministic, unlike resident-memory readings, so leak tests use it.
public struct GraphWitness {
    weak var node: AutogradNode?
    /// False for a tensor that never had a graph (no gradient was recorded for it).
    public let hadGraph: Bool

    public var isAlive: Bool { node != nil }
}

extension Tensor {
    public var graphWitness: GraphWitness { GraphWitness(node: node, hadGraph: node != nil) }
}
