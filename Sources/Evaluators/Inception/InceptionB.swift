import NN
import TensorCore

/// Mixed_6a (torchvision `InceptionB`, unchanged by pytorch-fid): the 35→17 reduction,
/// 3×3 s2 | 1×1→3×3→3×3 s2 | max-pool 3×3 s2, concatenated to 384 + 96 + in channels.
public final class InceptionB: Module {
    public let branch3x3: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3: BasicConv2d

    public init(_ inChannels: Int, generator g: inout RandomGenerator) {
        branch3x3 = BasicConv2d(inChannels, 384, kernel: 3, stride: 2, generator: &g)
        branch3x3dbl_1 = BasicConv2d(inChannels, 64, kernel: 1, generator: &g)
        branch3x3dbl_2 = BasicConv2d(64, 96, kernel: 3, padding: 1, generator: &g)
        branch3x3dbl_3 = BasicConv2d(96, 96, kernel: 3, stride: 2, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        Tensor.concatenate([
            branch3x3(x),
            branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x))),
            maxPool2d(x, kernel: (3, 3), stride: (2, 2)),
        ], axis: 1)
    }
}
