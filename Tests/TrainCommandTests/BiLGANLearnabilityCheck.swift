import BiLGAN
import Datasets
import Experiments
import Foundation
import Imaging
import NN
import SynthFaces
import TensorCore
import Testing
import Training

/// What a finished BiL-GAN run on the embedded default reaches, against the renderer's ground truth
/// (`make learnability-bilgan` trains the default profile, then runs this with HARNESS_BILGAN_RUN set
/// to the run folder and HARNESS_BILGAN_DATA to the dataset root):
/// 1. hair colour: each black- or brown-haired test face is asked for blond hair; on the pixels that
///    change when the renderer sets `Blond_Hair` (its hair), the output's mean colour is compared with
///    the input's and the ground truth's;
/// 2. phase 2 against phase 1: the distance to the ground-truth target at r₂ of G's output and of G1's
///    r₁ output upsampled bilinearly, and the high-frequency energy (mean |Laplacian|) of each next
///    to the ground truth's, so "sharper" is a number.
@Suite(.serialized) struct BiLGANLearnabilityCheck {
    static let runFolder = ProcessInfo.processInfo.environment["HARNESS_BILGAN_RUN"]
    static let data = ProcessInfo.processInfo.environment["HARNESS_BILGAN_DATA"] ?? "datasets/generated"

    @Test(.enabled(if: runFolder != nil)) func trainedBiLGANMovesHairAndPhaseTwoIsSharper() throws {
        let folder = URL(fileURLWithPath: Self.runFolder!)
        let config = try JSONDecoder().decode(RunConfig.self, from: Data(contentsOf: folder.appendingPathComponent("config.json")))
        let configuration = try config.methodSettings.decoded(as: BiLGANConfiguration.self)
        let size = config.training.imageSize, r1 = configuration.settings.phaseOneSize
        let method = try BiLGAN(configuration: configuration,
                                context: MethodContext(domains: .bilganCelebAHQ, imageSize: size, seed: config.seed),
                                iterations: config.training.iterations)
        let checkpoint = folder.appendingPathComponent("checkpoints/iter-" + String(format: "%08d", config.training.iterations) + ".safetensors")
        try TrainingCheckpoint(modules: ["G1": method.networks.g1, "G2": method.networks.g2]).load(from: checkpoint)

        let generation = GenerationConfiguration.embeddedDefault
        let sampler = SceneSampler(configuration: generation)
        let domains = DomainSelection.bilganCelebAHQ
        let total = generation.celebAHQ.count, side = generation.celebAHQ.size
        func render(_ scene: FaceScene) -> Image {
            FaceRenderer.render(scene, size: side).image.resized(width: size, height: size, filter: .bilinear)
        }
        var moved: [Double] = [], closer = 0
        var l1Enhanced = 0.0, l1Upsampled = 0.0, energyEnhanced = 0.0, energyUpsampled = 0.0, energyTruth = 0.0, faces = 0
        var detailEnhanced = DetailAgreement(), detailUpsampled = DetailAgreement()
        for k in (total - generation.celebAHQ.testCount)..<total {
            let scene = sampler.celebAHQScene(k)
            let labels = domains.attributes.map { scene.attributes.celebALabels[CelebAAttributes.names.firstIndex(of: $0)!] > 0 ? Float(1) : 0 }
            guard labels[1] == 0, labels[0] + labels[2] == 1 else { continue }   // black or brown hair → blond
            let source = render(scene), truth = render(try scene.with(["Blond_Hair": true]))
            let blond = domains.target(from: labels, setting: "Blond_Hair", to: 1)
            let input = source.tensor().reshaped([1, 3, size, size])
            let (from, to) = (Tensor(shape: [1, labels.count], scalars: labels), Tensor(shape: [1, labels.count], scalars: blond))
            let enhanced = Image(tensor: method.translate(input, sourceLabels: from, targetLabels: to))
            let upsampled = Image(tensor: resizeBilinear(method.translateInitialPhase(input, targetLabels: to), height: size, width: size))
            l1Enhanced += Self.meanAbsolute(enhanced, truth); l1Upsampled += Self.meanAbsolute(upsampled, truth)
            energyEnhanced += Self.laplacianEnergy(enhanced); energyUpsampled += Self.laplacianEnergy(upsampled)
            energyTruth += Self.laplacianEnergy(truth)
            detailEnhanced.add(enhanced, truth); detailUpsampled.add(upsampled, truth)
            faces += 1

            let hair = Self.changedPixels(source, truth)
            guard hair.count >= 20 else { continue }
            func mean(_ image: Image) -> [Double] { Self.meanColour(image, over: hair) }
            func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
            let (s, t, o) = (mean(source), mean(truth), mean(enhanced))
            moved.append(1 - distance(o, t) / distance(s, t))
            if distance(o, t) < distance(s, t) { closer += 1 }
        }
        let n = Double(max(faces, 1))
        let average = moved.reduce(0, +) / Double(max(moved.count, 1))
        print("""
            bilgan \(configuration.variant.rawValue) (\(folder.lastPathComponent)): \(moved.count) black/brown-haired test faces asked for blond, \
            \(closer) closer to the ground truth on hair pixels, mean fraction moved \(String(format: "%.3f", average)); \
            L1 to the ground truth at \(size)²: phase 2 \(String(format: "%.4f", l1Enhanced / n)), phase 1 upsampled from \(r1)² \
            \(String(format: "%.4f", l1Upsampled / n)); mean |Laplacian|: phase 2 \(String(format: "%.4f", energyEnhanced / n)), \
            phase 1 upsampled \(String(format: "%.4f", energyUpsampled / n)), ground truth \(String(format: "%.4f", energyTruth / n)); \
            correlation of the Laplacian with the ground truth's: phase 2 \(String(format: "%.3f", detailEnhanced.correlation)), \
            phase 1 upsampled \(String(format: "%.3f", detailUpsampled.correlation)) over \(faces) faces
            """)
        #expect(moved.count >= 10)
        #expect(Double(closer) >= 0.6 * Double(moved.count) && average > 0.1)
        // Sharper: more of the ground truth's high-frequency energy than the upsampled phase-1 image.
        #expect(abs(energyEnhanced - energyTruth) < abs(energyUpsampled - energyTruth))
    }

    /// The detail measure on images with a known answer: an image agrees with itself exactly (1), with
    /// its negative exactly in reverse (−1), with itself plus noise less, and noise of any energy hardly at all.
    @Test func detailAgreementScoresPlacementNotEnergy() {
        var random = RandomGenerator(seed: 4)
        func image(_ values: [Float]) -> Image { Image(width: 16, height: 16, channels: 3, pixels: values) }
        let truth = image((0..<(16 * 16 * 3)).map { i in Float((i / 3 % 16) / 4 % 2 == 0 ? 0.2 : 0.8) })   // vertical stripes
        let noise = Tensor.uniform([16 * 16 * 3], low: -0.3, high: 0.3, generator: &random).scalars
        func agreement(_ a: Image) -> Double { var d = DetailAgreement(); d.add(a, truth); return d.correlation }
        #expect(abs(agreement(truth) - 1) < 1e-12)
        #expect(abs(agreement(image(truth.pixels.map { 1 - $0 })) + 1) < 1e-12)
        let noisy = agreement(image(zip(truth.pixels, noise).map { $0 + $1 }))
        #expect(noisy > 0.2 && noisy < 0.9, "\(noisy)")
        #expect(abs(agreement(image(noise))) < 0.1)
        #expect(abs(agreement(image(noise.map { $0 * 3 }))) < 0.1)
    }

    /// Pixels where any channel differs by more than 0.08: the hair, when only the hair colour changed.
    static func changedPixels(_ a: Image, _ b: Image) -> [Int] {
        (0..<(a.width * a.height)).filter { (p: Int) -> Bool in
            (0..<3).contains { (c: Int) -> Bool in abs(a.pixels[p * 3 + c] - b.pixels[p * 3 + c]) > 0.08 }
        }
    }

    static func meanColour(_ image: Image, over pixels: [Int]) -> [Double] {
        (0..<3).map { (c: Int) -> Double in
            var total = 0.0
            for p in pixels { total += Double(image.pixels[p * 3 + c]) }
            return total / Double(pixels.count)
        }
    }

    /// Mean absolute difference over pixels and channels (images in [0, 1]).
    static func meanAbsolute(_ a: Image, _ b: Image) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(a.pixels.count)
    }

    /// Mean |4-neighbour Laplacian| over interior pixels and channels: high-frequency energy.
    static func laplacianEnergy(_ image: Image) -> Double {
        let values = laplacian(image)
        return values.reduce(0) { $0 + abs($1) } / Double(values.count)
    }

    /// The 4-neighbour Laplacian at interior pixels, every channel.
    static func laplacian(_ image: Image) -> [Double] {
        let (w, h) = (image.width, image.height), p = image.pixels
        var out: [Double] = []
        out.reserveCapacity((w - 2) * (h - 2) * 3)
        for y in 1..<(h - 1) { for x in 1..<(w - 1) { for c in 0..<3 {
            let at = { (yy: Int, xx: Int) in Double(p[(yy * w + xx) * 3 + c]) }
            out.append(4 * at(y, x) - at(y - 1, x) - at(y + 1, x) - at(y, x - 1) - at(y, x + 1))
        } } }
        return out
    }

    /// Whether an image's fine detail lies where the ground truth's does: the cosine between their
    /// Laplacians, pooled over faces. Added noise lowers it (noise agrees with nothing); it is scale-free,
    /// so how much detail there is is the energy's question, not this one's.
    struct DetailAgreement {
        var product = 0.0, energy = 0.0, truthEnergy = 0.0
        mutating func add(_ image: Image, _ truth: Image) {
            for (a, b) in zip(BiLGANLearnabilityCheck.laplacian(image), BiLGANLearnabilityCheck.laplacian(truth)) {
                product += a * b; energy += a * a; truthEnergy += b * b
            }
        }
        var correlation: Double { product / max((energy * truthEnergy).squareRoot(), 1e-12) }
    }
}
