import NN
import TensorCore

/// IcGAN's conditional DCGAN generator (`Guim3/IcGAN` `trainGAN.lua` L64–93, `baselines.md` §3.2):
/// y joins z at the input only, as one (nz + ny)×1×1 column.
///
/// | # | layer | k | s | p | channels | out | norm | act |
/// |---|---|---|---|---|---|---|---|---|
/// | main.0–2 | FullConv | 4 | 1 | 0 | nz+ny → 8ngf | 4² | BN | ReLU |
/// | main.3–5 | FullConv | 4 | 2 | 1 | 8ngf → 4ngf | 8² | BN | ReLU |
/// | main.6–8 | FullConv | 4 | 2 | 1 | 4ngf → 2ngf | 16² | BN | ReLU |
/// | main.9–11 | FullConv | 4 | 2 | 1 | 2ngf → ngf | 32² | BN | ReLU |
/// | main.12–13 | FullConv | 4 | 2 | 1 | ngf → 3 | 64² | – | Tanh |
///
/// ≈3.73M parameters at nz = 100, ny = 18, ngf = 64. Init N(0, 0.02), biases 0, BN γ ~ N(1, 0.02).
public final class IcGANGenerator: Module {
    public let main: Sequential
    public let noiseSize: Int

    public init(noiseSize nz: Int = 100, labelCount ny: Int, ngf: Int = 64, generator g: inout RandomGenerator) {
        noiseSize = nz
        var layers: [Module] = [ConvTranspose2d(nz + ny, ngf * 8, kernel: 4, generator: &g), BatchNorm2d(ngf * 8), ReLU()]
        var c = ngf * 8
        for _ in 0..<3 {
            layers += [ConvTranspose2d(c, c / 2, kernel: 4, stride: 2, padding: 1, generator: &g), BatchNorm2d(c / 2), ReLU()]
            c /= 2
        }
        layers += [ConvTranspose2d(c, 3, kernel: 4, stride: 2, padding: 1, generator: &g), Tanh()]
        main = Sequential(layers)
        super.init()
        initializeNormal(std: 0.02, generator: &g)
    }

    /// G(z, y): z [N, nz], y [N, ny] in {−1, +1} → [N, 3, 64, 64].
    public func callAsFunction(noise z: Tensor, labels y: Tensor) -> Tensor {
        let n = z.shape[0]
        return main(Tensor.concatenate([z, y], axis: 1).reshaped([n, -1, 1, 1]))
    }
}

/// IcGAN's conditional discriminator (`trainGAN.lua` L97–145, `baselines.md` §3.3): y is replicated
/// to 32×32 and concatenated after the first convolution.
///
/// | # | layer | k | s | p | channels | out | norm | act |
/// |---|---|---|---|---|---|---|---|---|
/// | image.0–1 | Conv | 4 | 2 | 1 | 3 → ndf | 32² | – | LReLU 0.2 |
/// | joint.0–2 | Conv | 4 | 2 | 1 | ndf+ny → 2ndf | 16² | BN | LReLU 0.2 |
/// | joint.3–5 | Conv | 4 | 2 | 1 | 2ndf → 4ndf | 8² | BN | LReLU 0.2 |
/// | joint.6–8 | Conv | 4 | 2 | 1 | 4ndf → 8ndf | 4² | BN | LReLU 0.2 |
/// | joint.9 | Conv | 4 | 1 | 0 | 8ndf → 1 | 1² | – | (sigmoid in the loss) |
///
/// ≈2.80M parameters at ny = 18, ndf = 64. Returns logits; `nn.BCECriterion` on the sigmoid equals
/// BCE on the logits.
public final class IcGANDiscriminator: Module {
    public let image: Sequential
    public let joint: Sequential

    public init(labelCount ny: Int, ndf: Int = 64, generator g: inout RandomGenerator) {
        image = Sequential(Conv2d(3, ndf, kernel: 4, stride: 2, padding: 1, generator: &g), LeakyReLU(0.2))
        joint = Sequential(
            Conv2d(ndf + ny, ndf * 2, kernel: 4, stride: 2, padding: 1, generator: &g), BatchNorm2d(ndf * 2), LeakyReLU(0.2),
            Conv2d(ndf * 2, ndf * 4, kernel: 4, stride: 2, padding: 1, generator: &g), BatchNorm2d(ndf * 4), LeakyReLU(0.2),
            Conv2d(ndf * 4, ndf * 8, kernel: 4, stride: 2, padding: 1, generator: &g), BatchNorm2d(ndf * 8), LeakyReLU(0.2),
            Conv2d(ndf * 8, 1, kernel: 4, generator: &g))
        super.init()
        initializeNormal(std: 0.02, generator: &g)
    }

    /// Logits [N] of D(x, y).
    public func callAsFunction(_ x: Tensor, labels y: Tensor) -> Tensor {
        let h = image(x)
        let (n, ny) = (y.shape[0], y.shape[1])
        let tiled = y.reshaped([n, ny, 1, 1]).expanded(to: [n, ny, h.shape[2], h.shape[3]])
        return joint(Tensor.concatenate([h, tiled], axis: 1)).reshaped([n])
    }
}

/// IcGAN's encoders (`trainEncoder.lua` `getEncoder` L135–178, `baselines.md` §3.5): four
/// [Conv 5×5 s2 p2, BN, ReLU] from 3 to 32·2³ channels (64² → 4²), then Linear → BN → ReLU → Linear.
/// E_z: FC width 4096, 100 outputs (≈18.3M parameters); E_y: FC width 512, ny outputs (≈3.19M).
public final class IcGANEncoder: Module {
    public let features: Sequential
    public let head: Sequential

    public init(outputs: Int, fullyConnected: Int, nf: Int = 32, imageSize: Int = 64, generator g: inout RandomGenerator) {
        var layers: [Module] = []
        var c = 3, next = nf
        for _ in 0..<4 {
            layers += [Conv2d(c, next, kernel: 5, stride: 2, padding: 2, generator: &g), BatchNorm2d(next), ReLU()]
            c = next; next *= 2
        }
        features = Sequential(layers)
        let flat = c * (imageSize / 16) * (imageSize / 16)
        head = Sequential(Linear(flat, fullyConnected, generator: &g), BatchNorm2d(fullyConnected), ReLU(),
                          Linear(fullyConnected, outputs, generator: &g))
        super.init()
        initializeNormal(std: 0.02, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let h = features(x)
        return head(h.reshaped([x.shape[0], -1]))
    }
}
