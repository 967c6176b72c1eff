import Datasets
import TensorCore

/// Seeded batches in the data loader's format, made in memory so that a training row times the
/// method and nothing else: images uniform in [−1, 1] (the loader's range; the time does not depend
/// on pixel values) and celebahq label rows.
enum SyntheticBatch {
    /// `labelRows` as given, with seeded images.
    static func make(labelRows: [[Float]], imageSize: Int, seed: UInt64) -> Batch {
        var random = RandomGenerator(seed: seed, stream: 7)
        let n = labelRows.count
        let images = Tensor.uniform([n, 3, imageSize, imageSize], low: -1, high: 1, generator: &random)
        return Batch(images: images, labels: Tensor(shape: [n, labelRows[0].count], scalars: labelRows.flatMap { $0 }),
                     sampleIndices: Array(0..<n), flipped: Array(repeating: false, count: n))
    }

    /// `count` rows of `domains` labels: one member of each exclusive group (a hair colour), the other
    /// attributes each 0 or 1 at random, as real celebahq rows are.
    static func labelRows(count: Int, domains: DomainSelection, seed: UInt64) -> [[Float]] {
        var random = RandomGenerator(seed: seed, stream: 8)
        let grouped = Set(domains.exclusiveGroups.flatMap { $0 })
        return (0..<count).map { _ in
            var row = domains.attributes.map { grouped.contains($0) ? Float(0) : (random.bernoulli(0.5) ? 1 : 0) }
            for group in domains.exclusiveGroups {
                let chosen = group[random.integer(below: group.count)]
                if let column = domains.attributes.firstIndex(of: chosen) { row[column] = 1 }
            }
            return row
        }
    }

    /// A batch of `count` celebahq rows.
    static func celebahq(count: Int, imageSize: Int, seed: UInt64) -> Batch {
        make(labelRows: labelRows(count: count, domains: .bilganCelebAHQ, seed: seed), imageSize: imageSize, seed: seed)
    }
}
