import BiLGAN
import Datasets
import NN
import TensorCore
import Testing
import Training

/// §4.3's paired tasks: targets come from the loader's paired ground truth and G gains
/// λ_pixel·‖G(x, c′) − y_c′‖₁ at the phase's resolution.
@Suite struct BiLGANPairedTaskTests {
    /// A tiny BiL-GAN on RaFD's eight expressions (r₁ 32, r₂ 64), geometry off as on RaFD.
    static func method(lambdaPixel: Float) throws -> BiLGAN {
        let settings = BiLGANSettings(phaseOneSize: 32, phaseOneIterations: 1, generatorConvDim: 8, generatorResidualBlocks: 1,
                                      teacherConvDim: 8, teacherRepeat: 3, enhancerResidualBlocks: 1, studentMaxChannels: 32,
                                      lambdaPixel: lambdaPixel, mineHidden: 16)
        let auxiliary = BiLGANAuxiliarySettings(uvRegressorWidth: 8, uvRegressorLevels: 3, attributeNetworkDim: 8, recogniserDim: 8)
        let configuration = BiLGANConfiguration(settings: settings, variant: .full, geometry: false, geometryNote: "test",
                                                auxiliary: auxiliary, auxiliaryRun: "none", identities: 3,
                                                pairedTargets: PairedTargetPolicy())
        return try BiLGAN(configuration: configuration, context: MethodContext(domains: .rafdExpressions, imageSize: 64, seed: 5),
                          iterations: 4)
    }

    static func oneHot(_ columns: [Int]) -> Tensor {
        Tensor(shape: [columns.count, 8], scalars: columns.flatMap { c in (0..<8).map { $0 == c ? Float(1) : 0 } })
    }

    /// Four random inputs (expressions 0, 1, 2, 3) paired with random "ground truths" in expressions 7, 6, 5, 4.
    static func batch() -> Batch {
        var g = RandomGenerator(seed: 21, stream: 2)
        return Batch(images: Tensor.uniform([4, 3, 64, 64], low: -1, high: 1, generator: &g), labels: oneHot([0, 1, 2, 3]),
                     sampleIndices: [0, 1, 2, 3], flipped: [false, false, false, false],
                     pairedImages: Tensor.uniform([4, 3, 64, 64], low: -1, high: 1, generator: &g), pairedLabels: oneHot([7, 6, 5, 4]))
    }

    /// Phase 1: the reported pixel term is L1 between G1(↓x, paired labels) before the step and the
    /// area-downsampled ground truth, so the targets are the paired labels, not shuffled ones.
    @Test func initialPhasePixelTermIsL1ToTheDownsampledGroundTruthOfThePairedTarget() throws {
        let (m, twin) = (try Self.method(lambdaPixel: 10), try Self.method(lambdaPixel: 10))
        let b = Self.batch()
        let expected = l1Loss(twin.translateInitialPhase(b.images, targetLabels: b.pairedLabels!),
                              twin.networks.down(b.pairedImages!)).scalar
        let shuffledTargets = l1Loss(twin.translateInitialPhase(b.images, targetLabels: b.labels),
                                     twin.networks.down(b.pairedImages!)).scalar
        var random = RandomGenerator(seed: 1, stream: 0)
        let losses = m.step(b, iteration: 0, random: &random)
        let reported = try #require(losses["G/loss_pixel"])
        #expect(abs(reported - expected) < 1e-5 * max(1, abs(expected)))
        #expect(abs(reported - shuffledTargets) > 1e-4)
        #expect(losses["G/loss_geo"] == nil)
    }

    /// Phase 2 reports the term at r₂; λ_pixel reaches G's update (a different λ, a different G1).
    @Test func enhancingPhasePixelTermAndItsWeightReachTheUpdate() throws {
        let b = Self.batch()
        var weights: [[Float]] = []
        for lambda: Float in [0, 10] {
            let m = try Self.method(lambdaPixel: lambda)
            var random = RandomGenerator(seed: 1, stream: 0)
            _ = m.step(b, iteration: 0, random: &random)
            let losses = m.step(b, iteration: 1, random: &random)
            #expect(losses["phase"] == 2 && losses["G/loss_pixel"].map { $0 > 0 && $0.isFinite } == true)
            weights.append(m.networks.g2.parameters().flatMap { $0.value.scalars })
        }
        #expect(weights[0] != weights[1])
    }

    /// An unpaired batch has no pixel term.
    @Test func unpairedBatchesHaveNoPixelTerm() throws {
        let b = Self.batch()
        let unpaired = Batch(images: b.images, labels: b.labels, sampleIndices: b.sampleIndices, flipped: b.flipped)
        var random = RandomGenerator(seed: 1, stream: 0)
        #expect(try Self.method(lambdaPixel: 10).step(unpaired, iteration: 0, random: &random)["G/loss_pixel"] == nil)
    }
}
