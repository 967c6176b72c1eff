import NN
import TensorCore

/// `nn.ReflectionPad2d`: a layer of its own in CycleGAN's `nn.Sequential`s, so the state-dict indices
/// of the convolutions after it match upstream's.
public final class ReflectionPad2d: Module {
    public let padding: Int
    public init(_ padding: Int) { self.padding = padding }
    public override func forward(_ x: Tensor) -> Tensor {
        x.reflectionPadded2D(top: padding, bottom: padding, left: padding, right: padding)
    }
}

/// CycleGAN's ResnetGenerator (`networks.py` L315–373, ResnetBlock L376–433; `baselines.md` §2.3),
/// with instance norm without affine or running statistics and biased convolutions:
///
/// | # | layer | k | s | p | channels | norm | act |
/// |---|---|---|---|---|---|---|---|
/// | model.0–3 | ReflectionPad(3), Conv | 7 | 1 | 0 | 3 → ngf | IN | ReLU |
/// | model.4–6, 7–9 | Conv (down) | 3 | 2 | 1 | ngf → 2ngf → 4ngf | IN | ReLU |
/// | model.10… | n × ResnetBlock: [ReflPad(1), Conv3, IN, ReLU, ReflPad(1), Conv3, IN] + x | 3 | 1 | refl 1 | 4ngf | IN | ReLU inside |
/// | then | ConvTranspose (up, output_padding 1) ×2 | 3 | 2 | 1 | 4ngf → 2ngf → ngf | IN | ReLU |
/// | last | ReflectionPad(3), Conv | 7 | 1 | 0 | ngf → 3 | – | Tanh |
///
/// n = 9 at 256² (`resnet_9blocks`), 6 at 128²; parameters 11,378,179 and 7,837,699 at ngf = 64.
public final class CycleGANGenerator: Module {
    public let model: Sequential

    public init(ngf: Int = 64, residualBlocks: Int = 9, generator g: inout RandomGenerator) {
        var layers: [Module] = [ReflectionPad2d(3), Conv2d(3, ngf, kernel: 7, generator: &g), InstanceNorm2d(ngf, generator: &g), ReLU()]
        var c = ngf
        for _ in 0..<2 {
            layers += [Conv2d(c, c * 2, kernel: 3, stride: 2, padding: 1, generator: &g), InstanceNorm2d(c * 2, generator: &g), ReLU()]
            c *= 2
        }
        for _ in 0..<residualBlocks {
            layers.append(Residual(Sequential(
                ReflectionPad2d(1), Conv2d(c, c, kernel: 3, generator: &g), InstanceNorm2d(c, generator: &g), ReLU(),
                ReflectionPad2d(1), Conv2d(c, c, kernel: 3, generator: &g), InstanceNorm2d(c, generator: &g)), name: "conv_block"))
        }
        for _ in 0..<2 {
            layers += [ConvTranspose2d(c, c / 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1, generator: &g),
                       InstanceNorm2d(c / 2, generator: &g), ReLU()]
            c /= 2
        }
        layers += [ReflectionPad2d(3), Conv2d(c, 3, kernel: 7, generator: &g), Tanh()]
        model = Sequential(layers)
        super.init()
        initializeNormal(std: 0.02, generator: &g)   // init_weights('normal', 0.02), networks.py L67–98
    }

    public override func forward(_ x: Tensor) -> Tensor { model(x) }
}

/// CycleGAN's 70×70 PatchGAN (`NLayerDiscriminator`, n_layers = 3, `networks.py` L538–583;
/// `baselines.md` §2.4): kernels 4, padding 1, LeakyReLU 0.2, instance norm after the inner convs.
///
/// | # | conv | s | channels | norm | act |
/// |---|---|---|---|---|---|
/// | model.0–1 | Conv | 2 | 3 → ndf | – | LReLU 0.2 |
/// | model.2–4, 5–7 | Conv | 2 | ndf → 2ndf → 4ndf | IN | LReLU 0.2 |
/// | model.8–10 | Conv | 1 | 4ndf → 8ndf | IN | LReLU 0.2 |
/// | model.11 | Conv | 1 | 8ndf → 1 | – | – (LSGAN logits) |
///
/// 2,764,737 parameters at ndf = 64; a 30×30 map at 256², 14×14 at 128².
public final class PatchDiscriminator: Module {
    public let model: Sequential

    public init(ndf: Int = 64, layers n: Int = 3, generator g: inout RandomGenerator) {
        var layers: [Module] = [Conv2d(3, ndf, kernel: 4, stride: 2, padding: 1, generator: &g), LeakyReLU(0.2)]
        var multiplier = 1
        for k in 1...n {
            let previous = multiplier
            multiplier = min(1 << k, 8)
            layers += [Conv2d(ndf * previous, ndf * multiplier, kernel: 4, stride: k < n ? 2 : 1, padding: 1, generator: &g),
                       InstanceNorm2d(ndf * multiplier, generator: &g), LeakyReLU(0.2)]
        }
        layers.append(Conv2d(ndf * multiplier, 1, kernel: 4, stride: 1, padding: 1, generator: &g))
        model = Sequential(layers)
        super.init()
        initializeNormal(std: 0.02, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor { model(x) }
}
