import BiLGAN
import Datasets
import Experiments
import Foundation
import Imaging
import NN
import TensorCore
import Testing
import Training

/// What a finished BiL-GAN frontalisation run (Multi-PIE, §4.3) reaches on the Setting 2 TEST subjects,
/// against the paired ground truth every probe has (the same subject, session and illumination at the
/// frontal camera). `make learnability-frontal` trains the default profile, then runs this with
/// HARNESS_BILGAN_FRONTAL_RUN set to the run folder and HARNESS_BILGAN_DATA to the dataset root.
/// Per yaw: L1 to the frontal ground truth of the probe itself (no frontalisation), of G1's r₁ output
/// upsampled, and of G's r₂ output; and the high-frequency energy (mean |Laplacian|) of each.
@Suite(.serialized) struct BiLGANFrontalisationCheck {
    static let runFolder = ProcessInfo.processInfo.environment["HARNESS_BILGAN_FRONTAL_RUN"]
    static let data = ProcessInfo.processInfo.environment["HARNESS_BILGAN_DATA"] ?? "datasets/generated"

    @Test(.enabled(if: runFolder != nil)) func trainedBiLGANFrontalisesAndPhaseTwoIsCloserToTheGroundTruth() throws {
        let folder = URL(fileURLWithPath: Self.runFolder!)
        let config = try JSONDecoder().decode(RunConfig.self, from: Data(contentsOf: folder.appendingPathComponent("config.json")))
        let configuration = try config.methodSettings.decoded(as: BiLGANConfiguration.self)
        let size = config.training.imageSize, r1 = configuration.settings.phaseOneSize
        let method = try BiLGAN(configuration: configuration, context: MethodContext(domains: .multiPIEPoses, imageSize: size, seed: config.seed),
                                iterations: config.training.iterations)
        let checkpoint = folder.appendingPathComponent("checkpoints/iter-" + String(format: "%08d", config.training.iterations) + ".safetensors")
        try TrainingCheckpoint(modules: ["G1": method.networks.g1, "G2": method.networks.g2]).load(from: checkpoint)

        let pie = try MultiPIEDataset.open(URL(fileURLWithPath: Self.data).appendingPathComponent("multipie"))
        let probes = pie.samples(pie.settingTwo().test)
        var evaluation = BatchConfiguration.evaluation(batchSize: 16, imageSize: size)
        evaluation.pairedTargets = .frontalisation
        let loader = try BatchLoader(samples: probes, configuration: evaluation)
        let frontal = DomainSelection.multiPIEPoses.attributes.firstIndex(of: "05_1")!
        var rows: [Int: (n: Int, input: Double, upsampled: Double, enhanced: Double, energyUp: Double, energyEn: Double, energyTruth: Double)] = [:]
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            let enhanced = method.translate(batch.images, sourceLabels: batch.labels, targetLabels: batch.pairedLabels!)
            let upsampled = resizeBilinear(method.translateInitialPhase(batch.images, targetLabels: batch.pairedLabels!), height: size, width: size)
            for (k, index) in batch.sampleIndices.enumerated() {
                let column = probes[index].labels.firstIndex(of: 1)!
                guard column != frontal else { continue }
                let yaw = abs(MultiPIECamera.all[column].yaw)
                func image(_ t: Tensor) -> Image { Image(tensor: t.slice(axis: 0, k..<(k + 1))) }
                let (truth, input) = (image(batch.pairedImages!), image(batch.images))
                let (up, en) = (image(upsampled), image(enhanced))
                var row = rows[yaw] ?? (0, 0, 0, 0, 0, 0, 0)
                row.n += 1
                row.input += BiLGANLearnabilityCheck.meanAbsolute(input, truth)
                row.upsampled += BiLGANLearnabilityCheck.meanAbsolute(up, truth)
                row.enhanced += BiLGANLearnabilityCheck.meanAbsolute(en, truth)
                row.energyUp += BiLGANLearnabilityCheck.laplacianEnergy(up)
                row.energyEn += BiLGANLearnabilityCheck.laplacianEnergy(en)
                row.energyTruth += BiLGANLearnabilityCheck.laplacianEnergy(truth)
                rows[yaw] = row
            }
        }
        func f(_ x: Double, _ n: Int) -> String { String(format: "%.4f", x / Double(n)) }
        var report = "bilgan \(configuration.variant.rawValue) frontalisation (\(folder.lastPathComponent)), Setting 2 test probes at \(size)²:\n"
            + "| ±yaw | probes | L1 probe→truth | L1 phase 1 (\(r1)² upsampled) | L1 phase 2 | |Lap| phase 1 up | |Lap| phase 2 | |Lap| truth |\n"
        for yaw in rows.keys.sorted() {
            let r = rows[yaw]!
            report += "| \(yaw)° | \(r.n) | \(f(r.input, r.n)) | \(f(r.upsampled, r.n)) | \(f(r.enhanced, r.n)) | \(f(r.energyUp, r.n)) | \(f(r.energyEn, r.n)) | \(f(r.energyTruth, r.n)) |\n"
        }
        print(report)
        #expect(rows.count == 6)
        // It frontalises: every yaw's output is closer to the frontal truth than the probe is.
        for (yaw, r) in rows { #expect(r.enhanced < r.input, "±\(yaw)°: \(r)") }
        // Phase 2 adds to phase 1: closer to the truth overall than G1's upsampled image.
        #expect(rows.values.reduce(0) { $0 + $1.enhanced } < rows.values.reduce(0) { $0 + $1.upsampled })
    }
}
