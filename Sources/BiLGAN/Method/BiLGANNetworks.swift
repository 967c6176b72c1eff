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
        g2 = SRGANBackEnd(channels: s.generatorConvDim, residualBlocks: s.enhancerResidualBlocks, upsamplings: ups, generator: &h)
        student = StarGANDiscriminator(imageSize: imageSize, convDim: s.teacherConvDim, labelCount: labelCount,
                                       repeatNum: s.teacherRepeat + ups, maxChannels: s.studentMaxChannels, generator: &h)
        phaseOneSize = s.phaseOneSize
        phaseTwoSize = imageSize
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
