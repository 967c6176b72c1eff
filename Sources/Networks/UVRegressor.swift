import NN
import TensorCore

/// BiL-GAN's D_uv: regresses the UV correspondence field (u, v ∈ [0, 1]) of a face image at r₁
/// (paper Eq. 9–10). The paper gives no architecture; **Decision** (`docs/bilgan.md`): a small U-Net
/// (Ronneberger et al. 2015) in pix2pix's layout, since the output is a dense, pixel-aligned map.
///
/// | part | layers | channels (width w) |
/// |---|---|---|
/// | down.0 | Conv4×4 s2 p1 → LeakyReLU 0.2 | 3 → w |
/// | down.k (k ≥ 1) | Conv4×4 s2 p1 → IN → LeakyReLU 0.2 | w·2^(k−1) → w·2^k |
/// | up.k (deepest first) | ConvT4×4 s2 p1 → IN → ReLU, then concatenated with down.(k−1)'s output | |
/// | head | ConvT4×4 s2 p1 → sigmoid | → 2 (u, v) |
///
/// Needs r₁ divisible by 2^levels. Norms are non-affine instance norms; convs have biases.
public final class UVRegressor: Module {
    public let down: Sequential
    public let up: Sequential
    public let head: ConvTranspose2d

    public init(width: Int = 32, levels: Int = 4, generator g: inout RandomGenerator) {
        precondition(levels >= 2, "UVRegressor needs at least 2 levels")
        var downs: [Module] = [Sequential(Conv2d(3, width, kernel: 4, stride: 2, padding: 1, generator: &g), LeakyReLU(0.2))]
        var channels = [width]
        for k in 1..<levels {
            let (c, next) = (channels[k - 1], width << k)
            downs.append(Sequential(Conv2d(c, next, kernel: 4, stride: 2, padding: 1, generator: &g),
                                    InstanceNorm2d(next, generator: &g), LeakyReLU(0.2)))
            channels.append(next)
        }
        // up.j undoes down.(levels−1−j); its input is the previous up output joined with the skip.
        var ups: [Module] = []
        var incoming = channels[levels - 1]
        for k in stride(from: levels - 1, to: 0, by: -1) {
            let out = channels[k - 1]
            ups.append(Sequential(ConvTranspose2d(incoming, out, kernel: 4, stride: 2, padding: 1, generator: &g),
                                  InstanceNorm2d(out, generator: &g), ReLU()))
            incoming = out * 2
        }
        down = Sequential(downs)
        up = Sequential(ups)
        head = ConvTranspose2d(incoming, 2, kernel: 4, stride: 2, padding: 1, generator: &g)
    }

    /// UV field [N, 2, H, W] in [0, 1] for images [N, 3, H, W] in [−1, 1].
    public override func forward(_ x: Tensor) -> Tensor {
        var skips: [Tensor] = []
        var h = x
        for layer in down.layers {
            h = layer(h)
            skips.append(h)
        }
        skips.removeLast()
        for layer in up.layers {
            h = Tensor.concatenate([layer(h), skips.removeLast()], axis: 1)
        }
        return head(h).sigmoid()
    }
}
