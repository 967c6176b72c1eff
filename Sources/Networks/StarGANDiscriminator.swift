import NN
import TensorCore

/// StarGAN's PatchGAN discriminator with an auxiliary classifier (`yunjey/stargan` model.py L65–88),
/// which BiL-GAN inherits as the teacher T.
///
/// | # | layer | k | s | p | channels | act |
/// |---|---|---|---|---|---|---|
/// | main.0–1 | Conv | 4 | 2 | 1 | 3 → 64 | LeakyReLU 0.01 |
/// | main.2k, 2k+1 | Conv (k = 1…repeat−1) | 4 | 2 | 1 | doubling | LeakyReLU 0.01 |
/// | conv1 | Conv (source, no bias) | 3 | 1 | 1 | → 1 | – |
/// | conv2 | Conv (classes, no bias) | size/2^repeat | 1 | 0 | → c | – |
///
/// No normalisation anywhere. At 128² with six stride-2 layers the source head is a 2×2 patch map.
public final class StarGANDiscriminator: Module {
    public let main: Sequential
    public let conv1: Conv2d
    public let conv2: Conv2d
    public let imageSize: Int

    public init(imageSize: Int = 128, convDim: Int = 64, labelCount: Int = 5, repeatNum: Int = 6,
                maxChannels: Int = .max, generator g: inout RandomGenerator) {
        precondition(imageSize % (1 << repeatNum) == 0, "image size \(imageSize) must be divisible by 2^\(repeatNum)")
        self.imageSize = imageSize
        var layers: [Module] = [Conv2d(3, convDim, kernel: 4, stride: 2, padding: 1, generator: &g), LeakyReLU(0.01)]
        var c = convDim
        for _ in 1..<repeatNum {
            let next = min(c * 2, maxChannels)
            layers += [Conv2d(c, next, kernel: 4, stride: 2, padding: 1, generator: &g), LeakyReLU(0.01)]
            c = next
        }
        main = Sequential(layers)
        conv1 = Conv2d(c, 1, kernel: 3, stride: 1, padding: 1, bias: false, generator: &g)
        conv2 = Conv2d(c, labelCount, kernel: imageSize >> repeatNum, bias: false, generator: &g)
    }

    /// (patch logits [N, 1, s, s], class logits [N, c]).
    public func callAsFunction(_ x: Tensor) -> (source: Tensor, classes: Tensor) {
        let h = main(x)
        return (conv1(h), conv2(h).reshaped([x.shape[0], -1]))
    }
}
