extension TrainingRow {
    /// IcGAN: one conditional-GAN iteration (D on real/right, real/wrong and fake, then G), the
    /// trainer's step at iteration 0 (< `ganIterations`, so the cGAN phase). Images per unit: batch.
    static let icgan = TrainingRow(method: .icgan) { input in
        let (n, size) = (input.training.batchSize, input.training.imageSize)
        let batch = SyntheticBatch.celebahq(count: n, imageSize: size, seed: input.seed)
        return TimedTrainingUnit(imagesPerUnit: n, description: "1 cGAN step (D then G), batch \(n), \(size)²") {
            input.iteration(batch, 0)
        }
    }
}
