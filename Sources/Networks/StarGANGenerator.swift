import NN
import TensorCore

/// StarGAN's generator (`yunjey/stargan` model.py L22–62), which BiL-GAN inherits as G1.
///
/// | # | layer | k | s | p | channels | norm | act |
/// |---|---|---|---|---|---|---|---|
/// | 0–2 | Conv | 7 | 1 | 3 | 3+c → 64 | IN | ReLU |
/// | 3–5 | Conv (down) | 4 | 2 | 1 | 64 → 128 | IN | ReLU |
/// | 6–8 | Conv (down) | 4 | 2 | 1 | 128 → 256 | IN | ReLU |
/// | 9–14 | 6 × ResidualBlock | 3 | 1 | 1 | 256 → 256 | IN | ReLU (inside) |
/// | 15–17 | ConvTranspose (up) | 4 | 2 | 1 | 256 → 128 | IN | ReLU |
/// | 18–20 | ConvTranspose (up) | 4 | 2 | 1 | 128 → 64 | IN | ReLU |
/// | 21–22 | Conv | 7 | 1 | 3 | 64 → 3 | – | Tanh |
///
/// Every conv is bias-free; every norm is an affine InstanceNorm with running buffers (kept for
/// checkpoint compatibility, never used for normalising). The domain label is tiled over the image
/// and concatenated before the first conv; zero padding is load-bearing (model.py L57–58).
public final class StarGANGenerator: Module {
    public let main: Sequential
    public let labelCount: Int

    public init(convDim: Int = 64, labelCount: Int = 5, residualBlocks: Int = 6, affineInit: AffineInit = .ones,
                generator g: inout RandomGenerator) {
        self.labelCount = labelCount
        func norm(_ c: Int, _ g: inout RandomGenerator) -> InstanceNorm2d {
            InstanceNorm2d(c, affine: true, trackRunningStats: true, affineInit: affineInit, generator: &g)
        }
        var layers: [Module] = [
            Conv2d(3 + labelCount, convDim, kernel: 7, stride: 1, padding: 3, bias: false, generator: &g),
            norm(convDim, &g), ReLU(),
        ]
        var c = convDim
        for _ in 0..<2 {
            layers += [Conv2d(c, c * 2, kernel: 4, stride: 2, padding: 1, bias: false, generator: &g), norm(c * 2, &g), ReLU()]
            c *= 2
        }
        for _ in 0..<residualBlocks {
            layers.append(Residual(Sequential(
                Conv2d(c, c, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g), norm(c, &g), ReLU(),
                Conv2d(c, c, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g), norm(c, &g))))
        }
        for _ in 0..<2 {
            layers += [ConvTranspose2d(c, c / 2, kernel: 4, stride: 2, padding: 1, bias: false, generator: &g),
                       norm(c / 2, &g), ReLU()]
            c /= 2
        }
        layers += [Conv2d(c, 3, kernel: 7, stride: 1, padding: 3, bias: false, generator: &g), Tanh()]
        main = Sequential(layers)
    }

    /// G(x, c): x is [N, 3, H, W] in [−1, 1], labels [N, labelCount].
    public func callAsFunction(_ x: Tensor, labels c: Tensor) -> Tensor {
        main(Tensor.concatenate([x, tiledLabels(c, like: x)], axis: 1))
    }

    /// Layers 0–20: the convDim-channel map before the 7×7 RGB head. BiL-GAN's G2 consumes it
    /// (`bilgan-method.md`, Decision "G2 wiring"); `rgbHead(features(x, c))` equals `self(x, c)`.
    public func features(_ x: Tensor, labels c: Tensor) -> Tensor {
        main.layers.dropLast(2).reduce(Tensor.concatenate([x, tiledLabels(c, like: x)], axis: 1)) { $1($0) }
    }

    /// Layers 21–22: the 7×7 conv to RGB and tanh.
    public func rgbHead(_ features: Tensor) -> Tensor {
        main.layers.suffix(2).reduce(features) { $1($0) }
    }

    /// The 7×7 convolution of the RGB head (BiL-GAN's G2 can start from it).
    public var rgbHeadConvolution: Conv2d { main.layers[main.layers.count - 2] as! Conv2d }

    func tiledLabels(_ c: Tensor, like x: Tensor) -> Tensor {
        if c.shape != [x.shape[0], labelCount] {
            ShapeError.fail("StarGANGenerator", "labels \(c.shape) for images \(x.shape) and \(labelCount) domains")
        }
        return c.reshaped([x.shape[0], labelCount, 1, 1]).expanded(to: [x.shape[0], labelCount, x.shape[2], x.shape[3]])
    }
}
