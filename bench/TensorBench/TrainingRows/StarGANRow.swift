import StarGAN

extension TrainingRow {
    /// StarGAN: `criticSteps` trainer iterations on one batch, each a critic step with gradient
    /// penalty, the last also the generator step (5 D + 1 G at the default profile). Images per unit:
    /// `criticSteps` × batch, the images the trainer consumes in those iterations. Its peak memory
    /// is that of the last iteration (D step + G step), which the memory row runs alone.
    static let stargan = TrainingRow(method: .stargan) { input in
        let critic = try input.settings.decoded(as: StarGANSettings.self).criticSteps
        let (n, size) = (input.training.batchSize, input.training.imageSize)
        let batch = SyntheticBatch.celebahq(count: n, imageSize: size, seed: input.seed)
        return TimedTrainingUnit(imagesPerUnit: critic * n, description: "\(critic) D steps + 1 G step, batch \(n), \(size)²",
                                 run: { for i in 0..<critic { input.iteration(batch, i) } },
                                 heaviest: ("1 D step + 1 G step, batch \(n), \(size)²", { input.iteration(batch, critic - 1) }))
    }
}
