import NN
import TensorCore

/// Mixed_6b–6e (torchvision `InceptionC`, pytorch-fid `FIDInceptionC`): factorised 7×7 as 1×7 and 7×1,
/// 1×1 | 1×1→1×7→7×1 | 1×1→7×1→1×7→7×1→1×7 | pool→1×1, concatenated to 4 × 192 = 768 channels.
public final class InceptionC: Module {
    public let branch1x1: BasicConv2d
    public let branch7x7_1: BasicConv2d
    public let branch7x7_2: BasicConv2d
    public let branch7x7_3: BasicConv2d
    public let branch7x7dbl_1: BasicConv2d
    public let branch7x7dbl_2: BasicConv2d
    public let branch7x7dbl_3: BasicConv2d
    public let branch7x7dbl_4: BasicConv2d
    public let branch7x7dbl_5: BasicConv2d
    public let branch_pool: BasicConv2d

    public init(_ inChannels: Int, channels7x7 c7: Int, generator g: inout RandomGenerator) {
        let row = (1, 7), rowPad = (0, 3), column = (7, 1), columnPad = (3, 0)
        branch1x1 = BasicConv2d(inChannels, 192, kernel: 1, generator: &g)
        branch7x7_1 = BasicConv2d(inChannels, c7, kernel: 1, generator: &g)
        branch7x7_2 = BasicConv2d(c7, c7, kernel: row, padding: rowPad, generator: &g)
        branch7x7_3 = BasicConv2d(c7, 192, kernel: column, padding: columnPad, generator: &g)
        branch7x7dbl_1 = BasicConv2d(inChannels, c7, kernel: 1, generator: &g)
        branch7x7dbl_2 = BasicConv2d(c7, c7, kernel: column, padding: columnPad, generator: &g)
        branch7x7dbl_3 = BasicConv2d(c7, c7, kernel: row, padding: rowPad, generator: &g)
        branch7x7dbl_4 = BasicConv2d(c7, c7, kernel: column, padding: columnPad, generator: &g)
        branch7x7dbl_5 = BasicConv2d(c7, 192, kernel: row, padding: rowPad, generator: &g)
        branch_pool = BasicConv2d(inChannels, 192, kernel: 1, generator: &g)
    }

    public override func forward(_ x: Tensor) -> Tensor {
        let double = [branch7x7dbl_1, branch7x7dbl_2, branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5]
        return Tensor.concatenate([
            branch1x1(x),
            branch7x7_3(branch7x7_2(branch7x7_1(x))),
            double.reduce(x) { $1($0) },
            branch_pool(InceptionPoolBranch.averageExcludingPadding(x)),
        ], axis: 1)
    }
}
