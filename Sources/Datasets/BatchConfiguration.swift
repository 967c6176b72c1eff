import Imaging

/// How a `BatchLoader` turns samples into tensors. Plain data, so a run can log it.
public struct BatchConfiguration: Codable, Sendable, Equatable {
    public var batchSize: Int
    /// Side of the square network input; images are resized to it after the optional crop.
    public var imageSize: Int
    /// Square centre crop (torchvision `CenterCrop`) before resizing, e.g. StarGAN's 178 on CelebA.
    public var centerCrop: Int?
    public var resizeFilter: ResizeFilter
    /// Horizontal flip with probability 0.5 (training only).
    public var flip: Bool
    /// A new seeded order each epoch; off gives file order (evaluation).
    public var shuffle: Bool
    public var dropLast: Bool
    /// Also load the UV fields (samples without one get an all-zero field).
    public var loadUVFields: Bool
    /// Batches prepared ahead by the background thread (0: none, load on demand).
    public var prefetch: Int
    public var seed: UInt64
    /// Also load each sample's paired ground truth in a drawn target domain (`Batch.pairedImages`).
    public var pairedTargets: PairedTargetPolicy?

    public init(batchSize: Int, imageSize: Int, centerCrop: Int? = nil, resizeFilter: ResizeFilter = .bilinear,
                flip: Bool = true, shuffle: Bool = true, dropLast: Bool = true, loadUVFields: Bool = false,
                prefetch: Int = 2, seed: UInt64 = 0, pairedTargets: PairedTargetPolicy? = nil) {
        self.batchSize = batchSize
        self.imageSize = imageSize
        self.centerCrop = centerCrop
        self.resizeFilter = resizeFilter
        self.flip = flip
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.loadUVFields = loadUVFields
        self.prefetch = prefetch
        self.seed = seed
        self.pairedTargets = pairedTargets
    }

    /// Evaluation: file order, no flips, keep the last partial batch.
    public static func evaluation(batchSize: Int, imageSize: Int, centerCrop: Int? = nil) -> BatchConfiguration {
        BatchConfiguration(batchSize: batchSize, imageSize: imageSize, centerCrop: centerCrop, flip: false,
                           shuffle: false, dropLast: false)
    }
}
