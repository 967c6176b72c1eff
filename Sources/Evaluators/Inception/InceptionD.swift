import NN
import TensorCore

/// Mixed_7a (torchvision `InceptionD`, unchanged by pytorch-fid): the 17→8 reduction,
/// 1×1→3×3 s2 | 1×1→1×7→7×1→3×3 s2 | max-pool 3×3 s2, concatenated to 320 + 192 + in channels.
public final class InceptionD: Module {
    public let branch3x3_1: BasicConv2d
    public let branch3x3_2: BasicConv2d
    public let branch7x7x3_1: BasicConv2d
    public let branch7x7x3_2: BasicConv2d
    public let branch7x7x3_3: BasicConv2d
    public let branch7x7x3_4: BasicConv2d

    public init(_ inChannels: Int, generator g: inout RandomGenerator) {
        branch3x3_1 = BasicConv2d(inChannels, 192, kernel: 1, generator: &g)
        branch3x3_2 = BasicConv2d(192, 320, kernel: 3, stride: 2, generator: &g)
        branch7x7x3_1 = BasicConv2d(inChannels, 192, kernel: 1, generator: &g)
        branch7x7x3_2 = BasicConv2d(192, 192, kernel: (1, 7), padding: (0, 3), generator: &g)
        branch7x7x3_3 = BasicConv2d(192, 192, kernel: (7, 1), padding: (3, 0), generator: &g)
        branch7x7x3_4 = BasicConv2d(192, 192, kernel: 3, stride: 2, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        Tensor.concatenate([
            branch3x3_2(branch3x3_1(x)),
            branch7x7x3_4(branch7x7x3_3(branch7x7x3_2(branch7x7x3_1(x)))),
            maxPool2d(x, kernel: (3, 3), stride: (2, 2)),
        ], axis: 1)
    }
}
