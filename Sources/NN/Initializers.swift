import TensorCore

/// Weight initialisers. Every one takes the generator explicitly, so a network's weights are a
/// pure function of the run's seed.
public enum Initializer {
    /// PyTorch's default for Conv/Linear weights: kaiming_uniform(a = √5), i.e. U(±1/√fan_in),
    /// and the same bound for biases.
    public static func pytorchDefault(_ shape: [Int], fanIn: Int, generator: inout RandomGenerator) -> Tensor {
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        return Tensor.uniform(shape, low: -bound, high: bound, generator: &generator)
    }

    /// N(mean, std²), e.g. DCGAN/CycleGAN's N(0, 0.02).
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 0.02, generator: inout RandomGenerator) -> Tensor {
        Tensor.normal(shape, mean: mean, std: std, generator: &generator)
    }

    /// kaiming_normal (fan_in, ReLU gain √2), used by SRGAN reference code.
    public static func kaimingNormal(_ shape: [Int], fanIn: Int, generator: inout RandomGenerator) -> Tensor {
        Tensor.normal(shape, mean: 0, std: (2 / Float(max(fanIn, 1))).squareRoot(), generator: &generator)
    }
}

extension Module {
    /// Re-initialises every convolution and linear layer below this module with N(0, std²) weights
    /// and zero biases, and batch-norm scales with N(1, std²) (CycleGAN/DCGAN `init_weights('normal')`).
    /// Layers are visited in `modules()` order, so the result is a pure function of the generator.
    public func initializeNormal(std: Float = 0.02, generator: inout RandomGenerator) {
        for m in modules() {
            switch m {
            case let c as Conv2d:
                c.weight.value = Initializer.normal(c.weight.shape, std: std, generator: &generator)
                if let b = c.bias { b.value = Tensor.zeros(b.shape) }
            case let c as ConvTranspose2d:
                c.weight.value = Initializer.normal(c.weight.shape, std: std, generator: &generator)
                if let b = c.bias { b.value = Tensor.zeros(b.shape) }
            case let l as Linear:
                l.weight.value = Initializer.normal(l.weight.shape, std: std, generator: &generator)
                if let b = l.bias { b.value = Tensor.zeros(b.shape) }
            case let bn as BatchNorm2d:
                if let w = bn.weight { w.value = Initializer.normal(w.shape, mean: 1, std: std, generator: &generator) }
                if let b = bn.bias { b.value = Tensor.zeros(b.shape) }
            default:
                continue
            }
        }
    }
}
