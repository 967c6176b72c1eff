import Datasets
import NN

/// The supervised loop every evaluator network trains with: `epochs` passes over the loader's seeded
/// epochs in training mode, one `step` per batch (it computes the loss, updates the weights and returns
/// the loss), and the mean loss of each epoch; the model is left in evaluation mode.
enum EpochLoop {
    static func run(_ model: Module, loader: BatchLoader, epochs: Int, batchDone: (() -> Void)? = nil,
                    progress: ((Int, Float) -> Void)?, step: (Batch) -> Float) throws -> [Float] {
        model.train()
        var losses: [Float] = []
        for epoch in 0..<epochs {
            let stream = loader.epoch(epoch)
            var total: Float = 0, batches = 0
            while let batch = try stream.next() {
                total += step(batch)
                batches += 1
                batchDone?()
            }
            losses.append(total / Float(max(batches, 1)))
            progress?(epoch, losses.last!)
        }
        model.eval()
        return losses
    }
}
