import NN
import TensorCore

/// Element-wise max(a, b) composed from differentiable ops: a·m + b·(1 − m) with the constant mask
/// m = [a > b]. The forward value is exactly one of the inputs; the gradient goes to the larger one
/// (on ties to b, where PyTorch's `torch.max(a, b)` splits it in half).
func elementwiseMaximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let mask = withoutGradients { (a - b).greater(than: 0) }
    return a * mask + b * (1 - mask)
}

/// Light CNN's max-feature-map layer (`light_cnn.py` `mfm`, evaluators.md §3.1): a convolution or
/// linear layer `filter` with 2·out outputs, then the element-wise max of the **first and second half**
/// of the channels (`torch.split(x, out, 1)`, not interleaved, which matters for converted weights).
public final class MaxFeatureMap: Module {
    public let filter: Module
    public let outChannels: Int

    /// `mfm(in, out, k, s, p, type=1)`: convolution.
    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1,
                generator g: inout RandomGenerator) {
        filter = Conv2d(inChannels, 2 * outChannels, kernel: kernel, stride: stride, padding: padding, generator: &g)
        self.outChannels = outChannels
    }

    /// `mfm(in, out, type=0)`: linear.
    public init(linear inFeatures: Int, _ outFeatures: Int, generator g: inout RandomGenerator) {
        filter = Linear(inFeatures, 2 * outFeatures, generator: &g)
        self.outChannels = outFeatures
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let halves = filter(x).split(sizes: [outChannels, outChannels], axis: 1)
        return elementwiseMaximum(halves[0], halves[1])
    }
}

/// `group(in, out, k, s, p)`: a 1×1 MFM on the input width, then a k×k MFM to `out`.
public final class MaxFeatureMapGroup: Module {
    public let convA: MaxFeatureMap
    public let conv: MaxFeatureMap

    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1,
                generator g: inout RandomGenerator) {
        convA = MaxFeatureMap(inChannels, inChannels, kernel: 1, stride: 1, padding: 0, generator: &g)
        conv = MaxFeatureMap(inChannels, outChannels, kernel: kernel, stride: stride, padding: padding, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor { conv(convA(x)) }
}

/// `resblock(c, c)`: two 3×3 MFMs and the identity added, with no activation after the sum.
public final class MaxFeatureMapResidualBlock: Module {
    public let conv1: MaxFeatureMap
    public let conv2: MaxFeatureMap

    public init(_ channels: Int, generator g: inout RandomGenerator) {
        conv1 = MaxFeatureMap(channels, channels, generator: &g)
        conv2 = MaxFeatureMap(channels, channels, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor { conv2(conv1(x)) + x }
}
