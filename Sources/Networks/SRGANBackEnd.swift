import NN
import TensorCore

/// BiL-GAN's G2: the fully convolutional SRGAN back-end (Ledig et al. 2017, Fig. 4; `baselines.md` §4)
/// that turns G1's feature map at r₁ into the image at r₂ = r₁·2^upsamplings.
///
/// Wiring (`bilgan-method.md`, Decision "G2 wiring"): the input is G1's last `channels`-wide map
/// (before its RGB head), which stands in for SRGAN's 9×9 head conv, so the long skip adds it back.
///
/// | part | layers | channels |
/// |---|---|---|
/// | trunk.k (k < residualBlocks) | Conv3×3 (no bias) → BN → PReLU → Conv3×3 (no bias) → BN, + input | 64 → 64 |
/// | trunkTail | Conv3×3 (no bias) → BN, + G2's input (long skip) | 64 → 64 |
/// | upsampling.k | Conv3×3 → PixelShuffle(2) → PReLU | 64 → 256 → 64 |
/// | output | Conv9×9 (p4) → tanh | 64 → 3 |
///
/// PReLU has one shared slope initialised to 0.25 (`nn.PReLU()`); PixelShuffle uses PyTorch's channel order.
public final class SRGANBackEnd: Module {
    /// How the convolutions before each PixelShuffle start.
    public enum UpsamplingInitialisation: String, Codable, Sendable {
        /// PyTorch's default for every output channel (SRGAN as published).
        case pytorchDefault
        /// ICNR (Aitken et al. 2017, "Checkerboard artifact free sub-pixel convolution"): the four
        /// channels that PixelShuffle spreads over one 2×2 block share one filter, so at initialisation
        /// the block is nearest-neighbour upsampling and the output starts free of checkerboard noise.
        case icnr
    }

    public let trunk: Sequential
    public let trunkTail: Sequential
    public let upsampling: Sequential
    public let output: Conv2d

    public init(channels: Int = 64, residualBlocks: Int = 16, upsamplings: Int = 2,
                upsamplingInit: UpsamplingInitialisation = .pytorchDefault, generator g: inout RandomGenerator) {
        precondition(residualBlocks >= 0 && upsamplings >= 0, "SRGANBackEnd: negative block counts")
        trunk = Sequential((0..<residualBlocks).map { _ in
            Residual(Sequential(
                Conv2d(channels, channels, kernel: 3, padding: 1, bias: false, generator: &g), BatchNorm2d(channels), PReLU(),
                Conv2d(channels, channels, kernel: 3, padding: 1, bias: false, generator: &g), BatchNorm2d(channels)))
        })
        trunkTail = Sequential(Conv2d(channels, channels, kernel: 3, padding: 1, bias: false, generator: &g), BatchNorm2d(channels))
        upsampling = Sequential((0..<upsamplings).map { _ in
            let conv = Conv2d(channels, channels * 4, kernel: 3, padding: 1, generator: &g)
            if upsamplingInit == .icnr { Self.shareSubpixelFilters(conv, groups: 4) }
            return Sequential(conv, PixelShuffle(2), PReLU())
        })
        output = Conv2d(channels, 3, kernel: 9, padding: 4, generator: &g)
    }

    /// ICNR: output channels c·g ..< (c+1)·g (one output channel's g sub-pixel positions in PyTorch's
    /// PixelShuffle order) all take channel c·g's drawn filter and bias. The random draws are unchanged.
    static func shareSubpixelFilters(_ conv: Conv2d, groups: Int) {
        func shared(_ t: Tensor) -> Tensor {
            let rows = t.shape[0], size = t.count / rows
            let s = t.scalars
            var out: [Float] = []
            out.reserveCapacity(s.count)
            for r in 0..<rows {
                let first: Int = (r / groups) * groups * size
                out.append(contentsOf: s[first..<(first + size)])
            }
            return Tensor(shape: t.shape, scalars: out)
        }
        conv.weight.value = shared(conv.weight.value)
        if let bias = conv.bias { bias.value = shared(bias.value) }
    }

    /// The r₂ image in [−1, 1] from G1's features [N, channels, r₁, r₁].
    public override func forward(_ features: Tensor) -> Tensor {
        let body = trunkTail(trunk(features)) + features
        return output(upsampling(body)).tanh()
    }
}
