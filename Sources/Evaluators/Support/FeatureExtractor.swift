import TensorCore

/// A network that maps images to the feature space a Fréchet distance (or KID, PRDC) is computed in.
/// Its `protocolName` is stored with every number, so values from different feature spaces
/// ("FID-Inception" vs "FD-SynthFaces") never share a column (pytorch-fid / torch-fidelity habit).
public protocol FeatureExtractor: AnyObject {
    var protocolName: String { get }
    var featureCount: Int { get }
    /// RGB images [N, 3, H, W] in [0, 1] → features [N, featureCount], without recording gradients.
    func features(_ images: Tensor) -> Tensor
}

extension FeatureExtractor {
    /// Features of a large set, `batchSize` images at a time (pytorch-fid's default 50; the last batch
    /// may be smaller and is kept, as pytorch-fid's `drop_last=False`). Returns row-major Float64
    /// [N × featureCount], the precision the statistics are computed in.
    public func features(count: Int, batchSize: Int = 50, images: (Range<Int>) throws -> Tensor) rethrows -> [Double] {
        precondition(batchSize > 0, "batch size must be positive")
        var out: [Double] = []
        out.reserveCapacity(count * featureCount)
        var start = 0
        while start < count {
            let range = start..<min(start + batchSize, count)
            let f = features(try images(range))
            precondition(f.shape == [range.count, featureCount], "extractor returned \(f.shape) for \(range.count) images")
            out += f.scalars.map(Double.init)
            start = range.upperBound
        }
        return out
    }
}
