import BiLGAN
import Datasets
import Experiments
import Foundation
import TensorCore
import Training

/// `make bench`'s BiL-GAN table (issue 10): one phase-1 and one phase-2 iteration at a profile, and
/// what each loss term costs, as the time the iteration loses when that term is switched off (the
/// identity term, the geometry term with its D_uv update) — the rest is the adversarial and attribute
/// terms and the D/T update. Ours only: there is no public BiL-GAN to compare with.
enum BiLGANIterationCost {
    struct Row { let phase: String; let variant: String; let seconds: Double }

    static func run(profile: Profile, seed: UInt64, repeats: Int) throws {
        let entry = try profile.entry(for: MethodName.bilgan.rawValue)
        let auxEntry = try profile.entry(for: MethodName.bilganAuxiliary.rawValue)
        let settings = try entry.settings.decoded(as: BiLGANSettings.self)
        let auxiliary = try auxEntry.settings.decoded(as: BiLGANAuxiliarySettings.self)
        let t = entry.training
        let plain = SyntheticBatch.celebahq(count: t.batchSize, imageSize: t.imageSize, seed: seed)
        var random = RandomGenerator(seed: seed, stream: 9)
        let side = t.imageSize, n = t.batchSize
        let batch = Batch(images: plain.images, labels: plain.labels,
                          uv: Tensor.uniform([n, 2, side, side], generator: &random), uvMask: Tensor.ones([n, 1, side, side]),
                          sampleIndices: plain.sampleIndices, flipped: plain.flipped)
        func method(_ variant: BiLGANVariant, geometry: Bool, withoutR1: Bool) throws -> BiLGAN {
            var settings = settings
            if withoutR1 { settings.studentGradientPenalty = nil }
            let configuration = BiLGANConfiguration(settings: settings, variant: variant, geometry: geometry, geometryNote: "bench",
                                                    auxiliary: auxiliary, auxiliaryRun: "bench", identities: 675)
            return try BiLGAN(configuration: configuration,
                              context: MethodContext(domains: TrainingDataset.celebahq.domains, imageSize: t.imageSize, seed: seed),
                              iterations: t.iterations)
        }
        var cases: [(String, BiLGANVariant, Bool, Bool)] = [
            ("all terms", .full, true, false), ("without L_mp", .noMutualInfo, true, false), ("without geometry", .full, false, false),
            ("with MINE", .mine, true, false), ("with cycle", .cycle, true, false)]
        // The student's R1 penalty (phase 2 only), when the profile sets one.
        if (settings.studentGradientPenalty ?? 0) > 0 { cases.append(("without student R1", .full, true, true)) }
        var rows: [[String]] = []
        for (phaseName, iteration) in [("phase 1 (\(settings.phaseOneSize)²)", 0), ("phase 2 (\(t.imageSize)²)", settings.phaseOneIterations)] {
            var full = 0.0
            for (name, variant, geometry, withoutR1) in cases where !(withoutR1 && iteration < settings.phaseOneIterations) {
                let m = try method(variant, geometry: geometry, withoutR1: withoutR1)
                let seconds = Timing.median(repeats: repeats) {
                    var random = RandomGenerator(seed: seed, stream: Trainer.stepStreamBase + UInt64(iteration))
                    _ = m.step(batch, iteration: iteration, random: &random)
                }
                if name == "all terms" { full = seconds }
                let share = name == "all terms" ? "100%" : String(format: "%+.0f%%", 100 * (seconds - full) / full)
                rows.append([phaseName, name, String(format: "%.1f", seconds * 1000), String(format: "%.1f", Double(t.batchSize) / seconds), share])
            }
        }
        print("\nBiL-GAN iteration cost at profile \(profile.name): batch \(t.batchSize), r₁ \(settings.phaseOneSize)², r₂ \(t.imageSize)², "
              + "\(settings.criticUpdates) D step(s) + one G step, median of \(repeats) after one warm-up; a term's cost is the change when it is switched off or swapped")
        TextTable.print(header: ["phase", "iteration", "ms", "images/s", "vs all terms"], rows: rows)
    }
}
