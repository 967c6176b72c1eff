import TensorCore

/// How a convolution pads its input.
public enum PaddingMode: String, Codable, Sendable {
    case zeros, reflect
}

/// `nn.Conv2d` (square or rectangular kernel, zero or reflection padding). Weight [out, in, kh, kw].
public final class Conv2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let paddingMode: PaddingMode

    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                            bias: Bool = true, paddingMode: PaddingMode = .zeros, generator: inout RandomGenerator) {
        self.init(inChannels, outChannels, kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding),
                  bias: bias, paddingMode: paddingMode, generator: &generator)
    }

    /// Rectangular kernels (`kernel_size=(1, 7)`, `padding=(0, 3)` in Inception-v3), (height, width) as PyTorch.
    public init(_ inChannels: Int, _ outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), bias: Bool = true, paddingMode: PaddingMode = .zeros,
                generator: inout RandomGenerator) {
        let fanIn = inChannels * kernel.0 * kernel.1
        self.weight = Parameter(Initializer.pytorchDefault([outChannels, inChannels, kernel.0, kernel.1], fanIn: fanIn, generator: &generator))
        self.bias = bias ? Parameter(Initializer.pytorchDefault([outChannels], fanIn: fanIn, generator: &generator)) : nil
        self.stride = stride
        self.padding = padding
        self.paddingMode = paddingMode
    }

    public override func forward(_ x: Tensor) -> Tensor {
        switch paddingMode {
        case .zeros:
            return conv2d(x, weight: weight.value, bias: bias?.value, stride: stride, padding: padding)
        case .reflect:
            let padded = x.reflectionPadded2D(top: padding.0, bottom: padding.0, left: padding.1, right: padding.1)
            return conv2d(padded, weight: weight.value, bias: bias?.value, stride: stride)
        }
    }
}

/// `nn.ConvTranspose2d`. Weight [in, out, kh, kw]; PyTorch computes fan-in from weight.shape[1]·k².
public final class ConvTranspose2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let outputPadding: (Int, Int)

    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, bias: Bool = true, generator: inout RandomGenerator) {
        let fanIn = outChannels * kernel * kernel
        self.weight = Parameter(Initializer.pytorchDefault([inChannels, outChannels, kernel, kernel], fanIn: fanIn, generator: &generator))
        self.bias = bias ? Parameter(Initializer.pytorchDefault([outChannels], fanIn: fanIn, generator: &generator)) : nil
        self.stride = (stride, stride)
        self.padding = (padding, padding)
        self.outputPadding = (outputPadding, outputPadding)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        convTranspose2d(x, weight: weight.value, bias: bias?.value, stride: stride, padding: padding,
                        outputPadding: outputPadding)
    }
}

/// `nn.Linear`: y = x·wᵀ + b, weight [out, in].
public final class Linear: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: inout RandomGenerator) {
        self.weight = Parameter(Initializer.pytorchDefault([outFeatures, inFeatures], fanIn: inFeatures, generator: &generator))
        self.bias = bias ? Parameter(Initializer.pytorchDefault([outFeatures], fanIn: inFeatures, generator: &generator)) : nil
    }

    public override func forward(_ x: Tensor) -> Tensor {
        linear(x, weight: weight.value, bias: bias?.value)
    }
}
