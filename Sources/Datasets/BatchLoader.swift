import Foundation
import Imaging
import TensorCore

/// Batches of a sample list with seeded shuffling and flips, filled by a background thread.
///
/// Determinism: the order of epoch e is `RandomGenerator(seed, stream: e).permutation(n)` and the
/// flips are drawn in that order from stream `flipStreamBase + e`, before any loading starts, so a
/// batch's content depends on (seed, epoch, batch index) only, never on thread timing. Paired targets
/// (when configured) are drawn the same way, from stream `pairStreamBase + e`.
public final class BatchLoader: @unchecked Sendable {
    public let samples: [LabelledImage]
    public let configuration: BatchConfiguration
    /// Each sample's paired ground truths, when `configuration.pairedTargets` is set.
    public let pairs: PairedTargets?
    static let flipStreamBase: UInt64 = 1 << 32
    static let pairStreamBase: UInt64 = 2 << 32

    /// One batch of an epoch's plan: sample positions, flips, and the paired ground truth's position.
    public struct Plan: Sendable {
        public let indices: [Int]
        public let flips: [Bool]
        /// Sample position of each sample's paired target (empty without paired targets).
        public let partners: [Int]
    }

    public init(samples: [LabelledImage], configuration: BatchConfiguration) throws {
        guard !samples.isEmpty else { throw DatasetError(file: "<samples>", reason: "no samples to load (an empty dataset or split)") }
        guard configuration.batchSize > 0, configuration.imageSize > 0 else {
            throw DatasetError(file: "<configuration>", reason: "batchSize and imageSize must be positive")
        }
        let widths = Set(samples.map(\.labels.count))
        guard widths.count == 1 else { throw DatasetError(file: "<samples>", reason: "label vectors differ in length: \(widths.sorted())") }
        self.samples = samples
        self.configuration = configuration
        pairs = try configuration.pairedTargets.map { try PairedTargets(samples: samples, policy: $0) }
    }

    public var batchesPerEpoch: Int {
        let b = configuration.batchSize
        return configuration.dropLast ? samples.count / b : (samples.count + b - 1) / b
    }

    /// Sample positions, flips and paired targets of every batch of an epoch.
    public func plan(epoch: Int) -> [Plan] {
        let c = configuration
        var order = Array(0..<samples.count)
        if c.shuffle {
            var generator = RandomGenerator(seed: c.seed, stream: UInt64(epoch))
            order = generator.permutation(samples.count)
        }
        var flipGenerator = RandomGenerator(seed: c.seed, stream: Self.flipStreamBase + UInt64(epoch))
        let flips = order.map { _ in c.flip && flipGenerator.bernoulli(0.5) }
        var partners: [Int] = []
        if let pairs {
            var pairGenerator = RandomGenerator(seed: c.seed, stream: Self.pairStreamBase + UInt64(epoch))
            partners = order.map { pairs.partners[$0][pairGenerator.integer(below: pairs.partners[$0].count)] }
        }
        return (0..<batchesPerEpoch).map { b in
            let range = (b * c.batchSize)..<Swift.min((b + 1) * c.batchSize, samples.count)
            return Plan(indices: Array(order[range]), flips: Array(flips[range]), partners: partners.isEmpty ? [] : Array(partners[range]))
        }
    }

    /// Loads one batch now, on the calling thread.
    public func batch(epoch: Int, index: Int) throws -> Batch {
        try assemble(plan(epoch: epoch)[index])
    }

    /// The batches of an epoch in order; with `prefetch` > 0 a background thread prepares them ahead.
    public func epoch(_ epoch: Int) -> BatchStream {
        BatchStream(loader: self, plan: plan(epoch: epoch), depth: configuration.prefetch)
    }

    func assemble(_ plan: Plan) throws -> Batch {
        let (indices, flips) = (plan.indices, plan.flips)
        let c = configuration
        let n = indices.count, side = c.imageSize, plane = side * side
        var images = Tensor.zeros([n, 3, side, side])
        var paired: Tensor? = plan.partners.isEmpty ? nil : Tensor.zeros([n, 3, side, side])
        var pairedLabels: [Float] = []
        var labels: [Float] = []
        var uv: Tensor? = c.loadUVFields ? Tensor.zeros([n, 2, side, side]) : nil
        var mask: Tensor? = c.loadUVFields ? Tensor.zeros([n, 1, side, side]) : nil
        for (k, index) in indices.enumerated() {
            let sample = samples[index]
            try loadImage(sample, flipped: flips[k], into: &images, at: k)
            labels += sample.labels
            if !plan.partners.isEmpty {
                let partner = samples[plan.partners[k]]
                try loadImage(partner, flipped: flips[k], into: &paired!, at: k)
                pairedLabels += partner.labels
            }
            if c.loadUVFields, let url = sample.uvField {
                var field = try UVField.read(url)
                if let crop = c.centerCrop { field = field.cropped(toCentre: crop) }
                field = field.resized(width: side, height: side)
                if flips[k] { field = field.flippedHorizontally() }
                uv!.withUnsafeMutableBufferPointer { buffer in
                    for p in 0..<plane {
                        buffer[k * 2 * plane + p] = field.u[p]
                        buffer[k * 2 * plane + plane + p] = field.v[p]
                    }
                }
                mask!.withUnsafeMutableBufferPointer { buffer in
                    for p in 0..<plane { buffer[k * plane + p] = field.mask[p] }
                }
            }
        }
        let width = samples[0].labels.count
        return Batch(images: images, labels: Tensor(shape: [n, width], scalars: labels), uv: uv, uvMask: mask,
                     sampleIndices: indices, flipped: flips, pairedImages: paired,
                     pairedLabels: paired == nil ? nil : Tensor(shape: [n, width], scalars: pairedLabels))
    }

    /// Reads, crops, resizes and flips one sample's image into item `k` of an [N, 3, side, side] tensor.
    private func loadImage(_ sample: LabelledImage, flipped: Bool, into images: inout Tensor, at k: Int) throws {
        let c = configuration
        let side = c.imageSize, plane = side * side
        var image = try ImageFile.read(sample.image).rgb()
        if let crop = c.centerCrop {
            guard crop <= image.width && crop <= image.height else {
                throw DatasetError(file: sample.image.path, reason: "image is \(image.width)x\(image.height), smaller than the \(crop) crop")
            }
            image = image.centerCropped(width: crop, height: crop)
        }
        image = image.resized(width: side, height: side, filter: c.resizeFilter)
        if flipped { image = image.flippedHorizontally() }
        images.withUnsafeMutableBufferPointer { buffer in
            image.writePlanes(into: UnsafeMutableBufferPointer(rebasing: buffer[(k * 3 * plane)..<((k + 1) * 3 * plane)]))
        }
    }
}

extension UVField {
    /// The centred square crop, matching `Image.centerCropped` offsets.
    func cropped(toCentre crop: Int) -> UVField {
        guard crop <= width && crop <= height else { return self }
        let x0 = Int((Double(width - crop) / 2).rounded(.toNearestOrEven))
        let y0 = Int((Double(height - crop) / 2).rounded(.toNearestOrEven))
        var out = UVField(width: crop, height: crop)
        for y in 0..<crop {
            for x in 0..<crop {
                let from = (y0 + y) * width + x0 + x, to = y * crop + x
                out.u[to] = u[from]; out.v[to] = v[from]; out.mask[to] = mask[from]
            }
        }
        return out
    }
}
