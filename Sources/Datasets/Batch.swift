import TensorCore

/// One batch: NCHW images in [−1, 1], their label vectors, and (when asked) UV fields.
public struct Batch: @unchecked Sendable {
    /// [N, 3, H, W] in [−1, 1].
    public let images: Tensor
    /// [N, L] domain labels in {0, 1}.
    public let labels: Tensor
    /// [N, 2, H, W] (u, v) in [0, 1] when UV fields were loaded.
    public let uv: Tensor?
    /// [N, 1, H, W] face mask in {0, 1} when UV fields were loaded.
    public let uvMask: Tensor?
    /// Positions of the samples in the loader's sample list.
    public let sampleIndices: [Int]
    public let flipped: [Bool]
    /// [N, 3, H, W]: each sample's paired ground truth (same subject and set-up, flipped alike) in the
    /// domain `pairedLabels` names, when the loader pairs targets.
    public let pairedImages: Tensor?
    /// [N, L] the target label of each paired image.
    public let pairedLabels: Tensor?

    /// Public so that a batch can also be made in memory (`tensor-bench` times a method's step on one).
    public init(images: Tensor, labels: Tensor, uv: Tensor? = nil, uvMask: Tensor? = nil,
                sampleIndices: [Int], flipped: [Bool], pairedImages: Tensor? = nil, pairedLabels: Tensor? = nil) {
        self.images = images; self.labels = labels; self.uv = uv; self.uvMask = uvMask
        self.sampleIndices = sampleIndices; self.flipped = flipped
        self.pairedImages = pairedImages; self.pairedLabels = pairedLabels
    }
}
