import NN
import Networks
import TensorCore

/// BiL-GAN's four adversarial networks (`bilgan-method.md`, "Architecture"):
///
/// | network | built as | resolution |
/// |---|---|---|
/// | G1 | StarGAN's G (`generatorConvDim`, `generatorResidualBlocks`) | r₁ |
/// | G2 | SRGAN back-end on G1's last `generatorConvDim`-wide map, log₂(r₂/r₁) ×2 upsamplings (`enhancerResidualBlocks`) | r₁ → r₂ |
/// | T (teacher) | StarGAN's D with `teacherRepeat` stride-2 convs | r₁ |
/// | D (student) | T's pattern with log₂(r₂/r₁) more stride-2 convs, width capped at `studentMaxChannels` | r₂ |
///
/// T's and D's patch maps therefore have the same size. Their classification heads exist (they are
/// StarGAN's D) but BiL-GAN's attribute term uses D_a instead, so those heads are never trained.
public struct BiLGANNetworks {
    public let g1: StarGANGenerator
    public let g2: SRGANBackEnd
    public let teacher: StarGANDiscriminator
    public let student: StarGANDiscriminator
    public let phaseOneSize: Int
    public let phaseTwoSize: Int

    /// Streams of the seed the weights come from: G1 and T as StarGAN draws them (stream 1), G2 and D
    /// from stream 3, so adding phase 2 never changes phase 1's initial weights.
    public static let phaseTwoStream: UInt64 = 3

    public init(settings s: BiLGANSettings, imageSize: Int, labelCount: Int, seed: UInt64) {
        let ups = s.upsamplings(imageSize: imageSize) ?? 0
        var g = RandomGenerator(seed: seed, stream: 1)
        g1 = StarGANGenerator(convDim: s.generatorConvDim, labelCount: labelCount, residualBlocks: s.generatorResidualBlocks,
                              generator: &g)
        teacher = StarGANDiscriminator(imageSize: s.phaseOneSize, convDim: s.teacherConvDim, labelCount: labelCount,
                                       repeatNum: s.teacherRepeat, generator: &g)
        var h = RandomGenerator(seed: seed, stream: Self.phaseTwoStream)
        g2 = SRGANBackEnd(channels: s.generatorConvDim, residualBlocks: s.enhancerResidualBlocks, upsamplings: ups,
                          upsamplingInit: s.enhancerInit == .icnr ? .icnr : .pytorchDefault, generator: &h)
        student = StarGANDiscriminator(imageSize: imageSize, convDim: s.teacherConvDim, labelCount: labelCount,
                                       repeatNum: s.teacherRepeat + ups, maxChannels: s.studentMaxChannels, generator: &h)
        phaseOneSize = s.phaseOneSize
        phaseTwoSize = imageSize
    }

    /// How the handover's sub-pixel convolutions upsample G1's features.
    public enum FeatureUpsampling: Sendable {
        /// Channel c copied to its four PixelShuffle positions.
        case nearest
        /// Bilinear ×2 as PyTorch's `align_corners=False` draws it: each position mixes its 3×3
        /// neighbourhood with weights (¾, ¼) ⊗ (¾, ¼) toward its side; the zero padding darkens the
        /// outermost ring of r₂ pixels, which D's first steps correct.
        case bilinear
    }

    /// **Decision** `g2Init` = `handover` / `bilinearHandover`, applied once when the enhancing phase
    /// starts: G2 becomes the initial phase's image path at r₂. The trunk's last batch norm scales by 0
    /// (the trunk adds nothing to G1's features), each sub-pixel convolution upsamples G1's features by
    /// `upsampling` (they follow a ReLU, so PReLU passes them unchanged), and the 9×9 output convolution
    /// is G1's 7×7 RGB head in its centre, without bias. G(x, c) is then tanh(head(upsampled features)):
    /// G1's image drawn at r₂, from which D's gradients start.
    public func startEnhancerFromInitialPhase(upsampling: FeatureUpsampling = .nearest) {
        if let gamma = (g2.trunkTail.layers[1] as? BatchNorm2d)?.weight { gamma.value = Tensor.zeros(gamma.shape) }
        // Tap weights of the 3×3 kernel along one axis for the even (0) and odd (1) output position.
        let taps: [[Float]] = upsampling == .nearest ? [[0, 1, 0], [0, 1, 0]] : [[0.25, 0.75, 0], [0, 0.75, 0.25]]
        for case let block as Sequential in g2.upsampling.layers {
            let conv = block.layers[0] as! Conv2d
            let (out, input) = (conv.weight.shape[0], conv.weight.shape[1])
            var w = [Float](repeating: 0, count: conv.weight.value.count)
            for o in 0..<out {
                // PixelShuffle(2) puts input channel 4c + 2a + b at offset (a, b) of output channel c.
                let (a, b) = ((o % 4) / 2, o % 2)
                for ky in 0..<3 { for kx in 0..<3 { w[((o * input + o / 4) * 3 + ky) * 3 + kx] = taps[a][ky] * taps[b][kx] } }
            }
            conv.weight.value = Tensor(shape: conv.weight.shape, scalars: w)
            if let bias = conv.bias { bias.value = Tensor.zeros(bias.shape) }
        }
        let head = g1.rgbHeadConvolution.weight.value, (k, big) = (head.shape[2], g2.output.weight.shape[2])
        let (channels, pad) = (head.shape[1], (big - k) / 2)
        var w = [Float](repeating: 0, count: g2.output.weight.value.count)
        let h = head.scalars
        for o in 0..<3 { for c in 0..<channels { for y in 0..<k { for x in 0..<k {
            w[((o * channels + c) * big + y + pad) * big + x + pad] = h[((o * channels + c) * k + y) * k + x]
        } } } }
        g2.output.weight.value = Tensor(shape: g2.output.weight.shape, scalars: w)
        if let bias = g2.output.bias { bias.value = Tensor.zeros(bias.shape) }
    }

    /// ↓x: area (box) downsampling from r₂ to r₁ (**Decision** `downsample`), differentiable.
    public func down(_ x: Tensor) -> Tensor {
        let factor = x.shape[2] / phaseOneSize
        return factor == 1 ? x : avgPool2d(x, kernel: (factor, factor))
    }

    /// G(x, c) = G2(features of G1(↓x, c)) at r₂ (**Decision** `g2Wiring`); `fadeIn` α < 1 blends in
    /// G1's own r₁ image, nearest-upsampled, as PGGAN does while new layers grow in.
    public func enhanced(_ x: Tensor, labels: Tensor, fadeIn alpha: Float = 1) -> Tensor {
        let features = g1.features(down(x), labels: labels)
        let sharp = g2(features)
        guard alpha < 1 else { return sharp }
        let coarse = resizeNearest(g1.rgbHead(features), height: phaseTwoSize, width: phaseTwoSize)
        return sharp * alpha + coarse * (1 - alpha)
    }
}
