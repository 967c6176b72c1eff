import NN
import TensorCore

/// torchvision `inception.BasicConv2d`: convolution without bias, batch norm with eps 0.001 (the TF
/// graph's value), ReLU. Property names `conv` and `bn` are the state-dict names.
public final class BasicConv2d: Module {
    public let conv: Conv2d
    public let bn: BatchNorm2d

    public init(_ inChannels: Int, _ outChannels: Int, kernel: (Int, Int), stride: Int = 1,
                padding: (Int, Int) = (0, 0), generator g: inout RandomGenerator) {
        conv = Conv2d(inChannels, outChannels, kernel: kernel, stride: (stride, stride), padding: padding,
                      bias: false, generator: &g)
        bn = BatchNorm2d(outChannels, eps: 0.001)
    }

    /// Square kernel and padding.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                            generator g: inout RandomGenerator) {
        self.init(inChannels, outChannels, kernel: (kernel, kernel), stride: stride, padding: (padding, padding), generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor { bn(conv(x)).relu() }
}
