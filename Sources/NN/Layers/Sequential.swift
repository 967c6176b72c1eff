import TensorCore

/// Layers applied in order; children are named "0", "1", … as `nn.Sequential`.
public final class Sequential: Module {
    public let layers: [Module]

    public init(_ layers: [Module]) { self.layers = layers }
    public convenience init(_ layers: Module...) { self.init(layers) }

    public override func namedChildren() -> [(String, Module)] {
        layers.enumerated().map { ("\($0.offset)", $0.element) }
    }

    public override func forward(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }
}

/// x + body(x); the body is named as in the upstream code (`main` in StarGAN, `conv_block` in CycleGAN).
public final class Residual: Module {
    public let body: Module
    public let bodyName: String

    public init(_ body: Module, name: String = "main") {
        self.body = body
        self.bodyName = name
    }

    public override func namedChildren() -> [(String, Module)] { [(bodyName, body)] }

    public override func forward(_ x: Tensor) -> Tensor { x + body(x) }
}

/// Passes its input through (placeholder in layer tables).
public final class Identity: Module {
    public override func forward(_ x: Tensor) -> Tensor { x }
}

/// Flattens all axes after the first.
public final class Flatten: Module {
    public override func forward(_ x: Tensor) -> Tensor { x.flattened(from: 1) }
}
