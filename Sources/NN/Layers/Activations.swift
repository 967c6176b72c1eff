import TensorCore

public final class ReLU: Module {
    public override func forward(_ x: Tensor) -> Tensor { x.relu() }
}

public final class LeakyReLU: Module {
    public let slope: Float
    public init(_ slope: Float = 0.01) { self.slope = slope }
    public override func forward(_ x: Tensor) -> Tensor { x.leakyRelu(slope: slope) }
}

public final class Tanh: Module {
    public override func forward(_ x: Tensor) -> Tensor { x.tanh() }
}

public final class Sigmoid: Module {
    public override func forward(_ x: Tensor) -> Tensor { x.sigmoid() }
}

/// `nn.PReLU()`: one shared slope, initialised to 0.25 (SRGAN).
public final class PReLU: Module {
    public let weight: Parameter
    public init(initialSlope: Float = 0.25) { weight = Parameter(Tensor(shape: [1], scalars: [initialSlope])) }
    public override func forward(_ x: Tensor) -> Tensor { x.prelu(weight.value) }
}

/// Pixel shuffle layer (PyTorch channel order).
public final class PixelShuffle: Module {
    public let upscale: Int
    public init(_ upscale: Int) { self.upscale = upscale }
    public override func forward(_ x: Tensor) -> Tensor { pixelShuffle(x, upscale: upscale) }
}

public final class MaxPool2d: Module {
    public let kernel: Int, stride: Int, padding: Int, ceilMode: Bool
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding; self.ceilMode = ceilMode
    }
    public override func forward(_ x: Tensor) -> Tensor {
        maxPool2d(x, kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding), ceilMode: ceilMode)
    }
}

public final class AvgPool2d: Module {
    public let kernel: Int, stride: Int, padding: Int, ceilMode: Bool, countIncludePad: Bool
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false, countIncludePad: Bool = true) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
        self.ceilMode = ceilMode; self.countIncludePad = countIncludePad
    }
    public override func forward(_ x: Tensor) -> Tensor {
        avgPool2d(x, kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding),
                  ceilMode: ceilMode, countIncludePad: countIncludePad)
    }
}

/// Inverted dropout with its own generator stream (seeded by the network's builder).
public final class Dropout: Module {
    public let probability: Float
    var generator: RandomGenerator
    public init(_ probability: Float, generator: RandomGenerator) {
        self.probability = probability
        self.generator = generator
    }
    public override func forward(_ x: Tensor) -> Tensor {
        dropout(x, probability: probability, training: isTraining, generator: &generator)
    }
}
