import NN
import TensorCore

/// Mixed_5b/5c/5d (torchvision `InceptionA`, pytorch-fid `FIDInceptionA`): 1×1 | 1×1→5×5 |
/// 1×1→3×3→3×3 | pool→1×1, concatenated to 64 + 64 + 96 + poolFeatures channels.
public final class InceptionA: Module {
    public let branch1x1: BasicConv2d
    public let branch5x5_1: BasicConv2d
    public let branch5x5_2: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3: BasicConv2d
    public let branch_pool: BasicConv2d

    public init(_ inChannels: Int, poolFeatures: Int, generator g: inout RandomGenerator) {
        branch1x1 = BasicConv2d(inChannels, 64, kernel: 1, generator: &g)
        branch5x5_1 = BasicConv2d(inChannels, 48, kernel: 1, generator: &g)
        branch5x5_2 = BasicConv2d(48, 64, kernel: 5, padding: 2, generator: &g)
        branch3x3dbl_1 = BasicConv2d(inChannels, 64, kernel: 1, generator: &g)
        branch3x3dbl_2 = BasicConv2d(64, 96, kernel: 3, padding: 1, generator: &g)
        branch3x3dbl_3 = BasicConv2d(96, 96, kernel: 3, padding: 1, generator: &g)
        branch_pool = BasicConv2d(inChannels, poolFeatures, kernel: 1, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        Tensor.concatenate([
            branch1x1(x),
            branch5x5_2(branch5x5_1(x)),
            branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x))),
            branch_pool(InceptionPoolBranch.averageExcludingPadding(x)),
        ], axis: 1)
    }
}
