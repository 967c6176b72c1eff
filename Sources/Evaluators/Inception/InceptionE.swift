import NN
import TensorCore

/// Mixed_7b/7c (torchvision `InceptionE`, pytorch-fid `FIDInceptionE_1` / `FIDInceptionE_2`):
/// 1×1 | 1×1→(1×3 ‖ 3×1) | 1×1→3×3→(1×3 ‖ 3×1) | pool→1×1, concatenated to
/// 320 + 768 + 768 + 192 = 2048 channels. `pool` is the one difference between 7b and 7c.
public final class InceptionE: Module {
    public let branch1x1: BasicConv2d
    public let branch3x3_1: BasicConv2d
    public let branch3x3_2a: BasicConv2d
    public let branch3x3_2b: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3a: BasicConv2d
    public let branch3x3dbl_3b: BasicConv2d
    public let branch_pool: BasicConv2d
    public let pool: InceptionPoolBranch

    public init(_ inChannels: Int, pool: InceptionPoolBranch, generator g: inout RandomGenerator) {
        branch1x1 = BasicConv2d(inChannels, 320, kernel: 1, generator: &g)
        branch3x3_1 = BasicConv2d(inChannels, 384, kernel: 1, generator: &g)
        branch3x3_2a = BasicConv2d(384, 384, kernel: (1, 3), padding: (0, 1), generator: &g)
        branch3x3_2b = BasicConv2d(384, 384, kernel: (3, 1), padding: (1, 0), generator: &g)
        branch3x3dbl_1 = BasicConv2d(inChannels, 448, kernel: 1, generator: &g)
        branch3x3dbl_2 = BasicConv2d(448, 384, kernel: 3, padding: 1, generator: &g)
        branch3x3dbl_3a = BasicConv2d(384, 384, kernel: (1, 3), padding: (0, 1), generator: &g)
        branch3x3dbl_3b = BasicConv2d(384, 384, kernel: (3, 1), padding: (1, 0), generator: &g)
        branch_pool = BasicConv2d(inChannels, 192, kernel: 1, generator: &g)
        self.pool = pool
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let b3 = branch3x3_1(x)
        let d3 = branch3x3dbl_2(branch3x3dbl_1(x))
        return Tensor.concatenate([
            branch1x1(x),
            branch3x3_2a(b3), branch3x3_2b(b3),
            branch3x3dbl_3a(d3), branch3x3dbl_3b(d3),
            branch_pool(pool(x)),
        ], axis: 1)
    }
}
