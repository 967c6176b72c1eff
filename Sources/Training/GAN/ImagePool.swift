import NN
import TensorCore

/// CycleGAN's history of generated images (`util/image_pool.py`, Shrivastava et al. 2017): until the
/// pool is full every image is stored and returned; after that each image is, with probability 1/2,
/// swapped for a random stored one (which is returned), else returned as is. The discriminator thus
/// sees a mix of current and older fakes.
///
/// A module whose buffers are the stored images and their count, so checkpoints hold the pool and a
/// resumed run sees the same history.
public final class ImagePool: Module {
    /// The draws for one image once the pool is full: swap or not (`random.uniform(0, 1) > 0.5`), and
    /// the slot (`random.randint(0, pool_size − 1)`).
    public struct Draw: Equatable, Sendable {
        public let swap: Bool
        public let slot: Int
        public init(swap: Bool, slot: Int) { self.swap = swap; self.slot = slot }
    }

    public let images: Buffer
    public let stored: Buffer
    public let capacity: Int

    public init(capacity: Int, imageShape: [Int]) {
        self.capacity = capacity
        images = Buffer(Tensor.zeros([capacity] + imageShape))
        stored = Buffer(Tensor.zeros([1]))
    }

    public var count: Int { Int(stored.value.scalars[0]) }

    /// One draw per image of a batch, from `random` (used whether or not the pool is full yet, so the
    /// stream does not depend on the pool's state).
    public func draws(count n: Int, random: inout RandomGenerator) -> [Draw] {
        (0..<n).map { _ in Draw(swap: random.uniformFloat() > 0.5, slot: random.integer(below: Swift.max(capacity, 1))) }
    }

    /// The images the discriminator sees for `batch` [N, C, H, W] (detached), updating the pool.
    public func query(_ batch: Tensor, draws: [Draw]) -> Tensor {
        guard capacity > 0 else { return batch.detached() }
        precondition(draws.count == batch.shape[0], "ImagePool.query: \(draws.count) draws for \(batch.shape[0]) images")
        let per = batch.count / batch.shape[0]
        var pool = images.value.copied(), out = batch.detached().copied()
        var n = count
        let source = batch.scalars
        pool.withUnsafeMutableBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for (k, draw) in draws.enumerated() {
                    let image = k * per
                    if n < capacity {
                        for j in 0..<per { p[n * per + j] = source[image + j] }
                        n += 1
                    } else if draw.swap {
                        for j in 0..<per {
                            o[image + j] = p[draw.slot * per + j]
                            p[draw.slot * per + j] = source[image + j]
                        }
                    }
                }
            }
        }
        images.value = pool
        stored.value = Tensor(shape: [1], scalars: [Float(n)])
        return out
    }
}
