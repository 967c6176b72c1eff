import Datasets

/// The batch of every iteration, as a pure function of (loader seed, iteration): iteration i uses
/// batch i mod B of epoch i div B (B batches per epoch). A fresh or epoch-aligned start streams
/// whole epochs with prefetching; a resume in the middle of an epoch loads the rest of that epoch
/// batch by batch, then streams again, so the batches match an uninterrupted run's exactly.
final class IterationBatches {
    let loader: BatchLoader
    private var stream: BatchStream?
    private var streamEpoch = -1
    private var nextIteration: Int

    init(loader: BatchLoader, startingAt iteration: Int) {
        self.loader = loader
        nextIteration = iteration
    }

    /// The batch of the next iteration (0-based iterations, called in order).
    func next() throws -> Batch {
        let perEpoch = loader.batchesPerEpoch
        let epoch = nextIteration / perEpoch, index = nextIteration % perEpoch
        defer { nextIteration += 1 }
        if index == 0 && streamEpoch != epoch {
            stream = loader.epoch(epoch)
            streamEpoch = epoch
        }
        if streamEpoch == epoch, let stream, let batch = try stream.next() { return batch }
        return try loader.batch(epoch: epoch, index: index)
    }
}
