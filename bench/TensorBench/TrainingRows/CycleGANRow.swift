import CycleGAN
import Datasets
import Experiments

extension TrainingRow {
    /// CycleGAN: one pair-model step (G_A and G_B with the discriminators fixed, then D_A and D_B on
    /// pooled fakes), through the trainer's step on a batch whose labels put `imagesPerDomain` images
    /// on each side of the black↔blond pair and on both sides of no other pair, so exactly one model
    /// trains. Images per unit: 2 × `imagesPerDomain`. (A trainer iteration runs up to five such pair
    /// steps, one per pair its batch covers.)
    static let cyclegan = TrainingRow(method: .cyclegan) { input in
        let k = try input.settings.decoded(as: CycleGANSettings.self).imagesPerDomain
        let size = input.training.imageSize
        let domains = TrainingDataset.celebahq.domains
        let pairs = DomainPair.bilganCelebAHQ
        func row(_ values: [String: Float]) -> [Float] { domains.attributes.map { values[$0] ?? 0 } }
        // Black-haired and blond, young (age pair: side A only), no makeup (makeup pair: side A only).
        let rows = Array(repeating: row(["Black_Hair": 1, "Young": 1]), count: k)
            + Array(repeating: row(["Blond_Hair": 1, "Young": 1]), count: k)
        let training = pairs.filter { pair in
            let sides = rows.compactMap { pair.side(of: $0, domains: domains) }
            return sides.contains(.a) && sides.contains(.b)
        }
        guard training.map(\.name) == ["black-blond"] else {
            throw ExperimentError("cyclegan row: the batch trains pairs \(training.map(\.name)), expected black-blond only")
        }
        let batch = SyntheticBatch.make(labelRows: rows, imageSize: size, seed: input.seed)
        return TimedTrainingUnit(imagesPerUnit: 2 * k, description: "1 pair-model step, \(k) image(s) per domain, \(size)²") {
            input.iteration(batch, 0)
        }
    }
}
