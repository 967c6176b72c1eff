/// One recorded operation of the define-by-run tape.
///
/// `backward(g, needs)` returns one gradient per input (nil where `needs` is false or the input does
/// not require a gradient). Backward rules are written with differentiable `Tensor` operations, so
/// running them with recording on (`createGraph: true`) yields a differentiable gradient: this is what
/// makes higher-order gradients (the WGAN-GP penalty) work.
public final class AutogradNode: @unchecked Sendable {
    public typealias Backward = (_ gradient: Tensor, _ needs: [Bool]) -> [Tensor?]

    public let name: String
    public let shape: [Int]
    let inputs: [AutogradNode?]
    let backward: Backward?

    init(leafNamed name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
        self.inputs = []
        self.backward = nil
    }

    init(name: String, shape: [Int], inputs: [AutogradNode?], backward: @escaping Backward) {
        self.name = name
        self.shape = shape
        self.inputs = inputs
        self.backward = backward
    }

    public var isLeaf: Bool { backward == nil }
}

extension Tensor {
    /// Attaches a tape node to a freshly computed result when recording is on and any input
    /// takes part in differentiation.
    static func record(_ name: String, _ result: Tensor, inputs: [Tensor],
                       backward: @escaping AutogradNode.Backward) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.node != nil }) else { return result }
        var out = result
        out.node = AutogradNode(name: name, shape: result.shape, inputs: inputs.map(\.node), backward: backward)
        return out
    }

    /// An identity step in the graph: a new node whose only input is this tensor's node. Used to
    /// take gradients with respect to a tensor "here", without flowing further upstream.
    public func aliasedForGradient() -> Tensor {
        Tensor.record("alias", Tensor(shape: shape, storage: storage), inputs: [self]) { g, _ in [g] }
    }
}

/// Reverse-mode differentiation: gradients of `output` with respect to each tensor of `inputs`.
///
/// - `seed`: the vector in the vector-Jacobian product (PyTorch `grad_outputs`); defaults to ones,
///   which differentiates the sum of `output`.
/// - `createGraph`: record the backward computation itself, so the returned gradients can be
///   differentiated again (PyTorch `create_graph=True`).
/// Inputs that `output` does not depend on get zeros. Only the parts of the graph that lead to an
/// input are visited, so for example a generator step does not compute the discriminator's weight
/// gradients.
public func gradients(of output: Tensor, wrt inputs: [Tensor], seed: Tensor? = nil,
                      createGraph: Bool = false) -> [Tensor] {
    if let seed, seed.shape != output.shape {
        ShapeError.fail("gradients", "seed of shape \(describe(seed.shape)) for output of shape \(describe(output.shape))")
    }
    guard let root = output.node else { return inputs.map { Tensor.zeros($0.shape) } }
    let targets = Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) })

    // Post-order DFS over the tape; `leadsToTarget` prunes branches that reach no input.
    var order: [AutogradNode] = []
    var visited = Set<ObjectIdentifier>()
    var leadsToTarget = [ObjectIdentifier: Bool]()
    var stack: [(AutogradNode, Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while let top = stack.popLast() {
        var (node, next) = top
        if next < node.inputs.count {
            let child = node.inputs[next]
            next += 1
            stack.append((node, next))
            if let child, !visited.contains(ObjectIdentifier(child)) {
                visited.insert(ObjectIdentifier(child))
                stack.append((child, 0))
            }
        } else {
            let id = ObjectIdentifier(node)
            let leads = targets.contains(id)
                || node.inputs.contains { $0.map { leadsToTarget[ObjectIdentifier($0)] ?? false } ?? false }
            leadsToTarget[id] = leads
            order.append(node)
        }
    }

    var grads = [ObjectIdentifier: Tensor]()
    grads[ObjectIdentifier(root)] = seed ?? Tensor.ones(output.shape)
    var results = [ObjectIdentifier: Tensor]()
    withGradients(enabled: createGraph) {
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard leadsToTarget[id] == true, let g = grads.removeValue(forKey: id) else { continue }
            if targets.contains(id) { results[id] = g }
            guard let backward = node.backward else { continue }
            let needs = node.inputs.map { $0.map { leadsToTarget[ObjectIdentifier($0)] == true } ?? false }
            if !needs.contains(true) { continue }
            let inputGrads = backward(g, needs)
            for (i, parent) in node.inputs.enumerated() where needs[i] {
                guard let parent, let ig = inputGrads[i] else { continue }
                if ig.shape != parent.shape {
                    ShapeError.fail("backward of \(node.name)",
                                    "gradient of shape \(describe(ig.shape)) for input \(i) of shape \(describe(parent.shape))")
                }
                let pid = ObjectIdentifier(parent)
                if let existing = grads[pid] { grads[pid] = existing + ig } else { grads[pid] = ig }
            }
        }
    }
    return inputs.map { input in
        guard let n = input.node, let g = results[ObjectIdentifier(n)] else { return Tensor.zeros(input.shape) }
        return g
    }
}

/// Gradient of `output` (summed, or contracted with `seed`) with respect to one tensor.
public func gradient(of output: Tensor, wrt input: Tensor, seed: Tensor? = nil, createGraph: Bool = false) -> Tensor {
    gradients(of: output, wrt: [input], seed: seed, createGraph: createGraph)[0]
}

/// For fused kernels (instance/batch norm): the backward of the equivalent composed graph, used when
/// the backward itself must be differentiable. `composite` recomputes the op from aliases of `inputs`.
func compositeBackward(_ inputs: [Tensor], seed: Tensor, needs: [Bool],
                       composite: ([Tensor]) -> Tensor) -> [Tensor?] {
    let aliases = inputs.map { $0.aliasedForGradient() }
    let out = composite(aliases)
    let grads = gradients(of: out, wrt: aliases, seed: seed, createGraph: true)
    return zip(grads, needs).map { $1 ? $0 : nil }
}
