import TensorCore

/// The pooling in front of a mixed block's `branch_pool` 1×1 convolution (pytorch-fid
/// `inception.py`): TF's 3×3 stride-1 average pool ignores padded zeros (`count_include_pad=False`,
/// FIDInceptionA/C/E_1), and the last block of the 2015-12-05 graph max-pools instead
/// (FIDInceptionE_2, "likely an error in this specific Inception implementation").
public enum InceptionPoolBranch: Sendable {
    case averageExcludingPadding
    case max

    func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .averageExcludingPadding:
            return avgPool2d(x, kernel: (3, 3), stride: (1, 1), padding: (1, 1), countIncludePad: false)
        case .max:
            return maxPool2d(x, kernel: (3, 3), stride: (1, 1), padding: (1, 1))
        }
    }
}
