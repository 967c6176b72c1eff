import BiLGAN
import Datasets
import NN
import Networks
import TensorCore
import Testing
import Training

/// BiL-GAN's training method in process: which networks each phase and each ablation updates,
/// frozen networks staying bit-identical, the fade-in schedule, determinism, and the paper shapes.
@Suite struct BiLGANMethodTests {
    static let phaseOneIterations = 2

    /// A tiny BiL-GAN (r₁ 32, r₂ 64) on the seven CelebA-HQ domains (five label columns), no auxiliary checkpoint.
    static func method(_ variant: BiLGANVariant, seed: UInt64 = 3, omega: BiLGANSettings.OmegaSource = .generated,
                       discriminatorSteps: Int? = nil, enhancerInit: BiLGANSettings.EnhancerStart? = nil,
                       studentGradientPenalty: Float? = nil) throws -> BiLGAN {
        let settings = BiLGANSettings(phaseOneSize: 32, phaseOneIterations: phaseOneIterations, generatorConvDim: 8,
                                      generatorResidualBlocks: 1, teacherConvDim: 8, teacherRepeat: 3, enhancerResidualBlocks: 1,
                                      studentMaxChannels: 32, omegaSource: omega, mineHidden: 16,
                                      discriminatorSteps: discriminatorSteps, enhancerInit: enhancerInit,
                                      studentGradientPenalty: studentGradientPenalty)
        let auxiliary = BiLGANAuxiliarySettings(uvRegressorWidth: 8, uvRegressorLevels: 3, attributeNetworkDim: 8, recogniserDim: 8)
        let configuration = BiLGANConfiguration(settings: settings, variant: variant, geometry: true, geometryNote: "test",
                                                auxiliary: auxiliary, auxiliaryRun: "none", identities: 3)
        let context = MethodContext(domains: .bilganCelebAHQ, imageSize: 64, seed: seed)
        return try BiLGAN(configuration: configuration, context: context, iterations: 6)
    }

    /// Four random 64² faces with labels (black, blond, brown hair, makeup, young), a UV field and a face mask.
    static func batch(seed: UInt64 = 11) -> Batch {
        var g = RandomGenerator(seed: seed, stream: 9)
        let labels: [Float] = [1, 0, 0, 1, 0,  0, 1, 0, 0, 1,  0, 0, 1, 1, 0,  1, 0, 0, 0, 1]
        let mask = Tensor(shape: [4, 1, 64, 64], scalars: (0..<(4 * 64 * 64)).map { ($0 % 64) > 16 && ($0 % 64) < 48 ? 1 : 0 })
        return Batch(images: Tensor.uniform([4, 3, 64, 64], low: -1, high: 1, generator: &g),
                     labels: Tensor(shape: [4, 5], scalars: labels), uv: Tensor.uniform([4, 2, 64, 64], generator: &g),
                     uvMask: mask, sampleIndices: [0, 1, 2, 3], flipped: [false, false, false, false])
    }

    static func snapshot(_ m: BiLGAN) -> [String: [UInt32]] {
        Dictionary(uniqueKeysWithValues: m.checkpointModules.map { entry in
            (entry.name, entry.module.stateDict().sorted { $0.key < $1.key }.flatMap { $0.value.scalars.map(\.bitPattern) })
        })
    }

    /// Names of the networks whose weights or buffers changed in one step at `iteration`.
    static func changed(_ m: BiLGAN, iteration: Int) -> Set<String> {
        let before = snapshot(m)
        var random = RandomGenerator(seed: 1, stream: UInt64(100 + iteration))
        _ = m.step(batch(), iteration: iteration, random: &random)
        let after = snapshot(m)
        return Set(before.keys.filter { before[$0] != after[$0] })
    }

    /// Method file, "Ablations": what each row trains in each phase. T, and (by default) D_uv and D_a,
    /// are frozen in the enhancing phase; φ is never trained; single-phase never uses T.
    @Test(arguments: [
        (BiLGANVariant.full, ["G1", "T", "Duv", "Da"], ["G1", "G2", "D"]),
        (.singlePhase, ["G1", "G2", "D", "Duv", "Da"], ["G1", "G2", "D", "Duv", "Da"]),
        (.progressive, ["G1", "T", "Duv", "Da"], ["G1", "G2", "D", "Duv", "Da"]),
        (.ordinaryRegularization, ["G1", "T", "Duv", "Da"], ["G1", "G2", "D", "Duv", "Da"]),
        (.noMutualInfo, ["G1", "T", "Duv", "Da"], ["G1", "G2", "D"]),
        (.mine, ["G1", "T", "Duv", "Da", "MINE"], ["G1", "G2", "D", "MINE"]),
        (.cycle, ["G1", "T", "Duv", "Da"], ["G1", "G2", "D"]),
    ])
    func eachVariantTrainsExactlyItsNetworks(variant: BiLGANVariant, initial: [String], enhancing: [String]) throws {
        let m = try Self.method(variant)
        #expect(Self.changed(m, iteration: 0) == Set(initial), "\(variant) initial phase")
        #expect(Self.changed(m, iteration: Self.phaseOneIterations) == Set(enhancing), "\(variant) enhancing phase")
    }

    /// **Decision** `dSteps`: `discriminatorSteps` k gives k updates of T (phase 1) or of the student D
    /// (phase 2) per G update; absent means the method file's 1. An optimiser's step counter counts its
    /// updates, and the networks' weights after k steps differ from those after one.
    @Test(arguments: [nil, 1, 3] as [Int?])
    func discriminatorStepsPerGeneratorStep(steps: Int?) throws {
        let m = try Self.method(.full, discriminatorSteps: steps)
        var random = RandomGenerator(seed: 1, stream: 0)
        func updates(_ name: String) -> Int { m.optimizers.first { $0.name == name }!.optimizer.step }
        _ = m.step(Self.batch(), iteration: 0, random: &random)
        #expect(updates("T") == (steps ?? 1) && updates("G1") == 1 && updates("D") == 0)
        _ = m.step(Self.batch(), iteration: Self.phaseOneIterations, random: &random)
        #expect(updates("D") == (steps ?? 1) && updates("G1") == 2 && updates("G2") == 1 && updates("T") == (steps ?? 1))
        let once = try Self.method(.full)
        var again = RandomGenerator(seed: 1, stream: 0)
        _ = once.step(Self.batch(), iteration: 0, random: &again)
        #expect((Self.snapshot(m)["T"] == Self.snapshot(once)["T"]) == ((steps ?? 1) == 1))
    }

    /// **Decision** `g2Init` = `handover`: once G2 is set from the initial phase, G(x, c) is exactly G1's
    /// RGB head applied to its nearest-upsampled features at r₂, so phase 2 starts from G1's image path,
    /// not from noise. (How close that is to G1's r₁ image upsampled depends on G1's trained head; the
    /// default-profile run measures it, docs/bilgan.md.)
    @Test func handoverStartsGTwoAsTheInitialPhasesImagePath() throws {
        let m = try Self.method(.full, enhancerInit: .handover)
        let n = m.networks
        let x = Self.batch().images, c = Self.batch().labels
        n.startEnhancerFromInitialPhase()
        let (g, direct) = withoutGradients { () -> (Tensor, Tensor) in
            let features = n.g1.features(n.down(x), labels: c)
            return (n.enhanced(x, labels: c), n.g1.rgbHead(resizeNearest(features, height: 64, width: 64)))
        }
        #expect(zip(g.scalars, direct.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(g.shape == [4, 3, 64, 64])
    }

    /// `bilinearHandover`: G(x, c) is G1's RGB head on its features upsampled bilinearly (PyTorch's
    /// `align_corners=False`, which `resizeBilinear` matches) everywhere the zero padding of the sub-pixel
    /// convolution cannot reach: the outermost r₂ pixel, widened by the head's 3-pixel reach.
    @Test func bilinearHandoverStartsGTwoAsTheHeadOnBilinearFeatures() throws {
        let m = try Self.method(.full, enhancerInit: .bilinearHandover)
        let n = m.networks
        let x = Self.batch().images, c = Self.batch().labels
        n.startEnhancerFromInitialPhase(upsampling: .bilinear)
        let (g, direct, nearest) = withoutGradients { () -> (Tensor, Tensor, Tensor) in
            let features = n.g1.features(n.down(x), labels: c)
            return (n.enhanced(x, labels: c), n.g1.rgbHead(resizeBilinear(features, height: 64, width: 64)),
                    n.g1.rgbHead(resizeNearest(features, height: 64, width: 64)))
        }
        func interior(_ t: Tensor) -> [Float] {
            t.scalars.enumerated().filter { i, _ in let (y, x) = (i / 64 % 64, i % 64); return (4..<60).contains(y) && (4..<60).contains(x) }
                .map(\.element)
        }
        let worst = zip(interior(g), interior(direct)).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-5, "largest interior difference \(worst)")
        #expect(zip(interior(g), interior(nearest)).contains { abs($0 - $1) > 1e-3 })   // not the nearest start
        #expect(m.configuration.settings.enhancerInit?.handoverUpsampling == .bilinear)
    }

    /// **Decision** `studentR1`: the penalty joins the student D's loss only. Phase 1 is bit-identical
    /// with and without it; in phase 2 the student's update differs, `D/r1` is logged (and is a column
    /// only when the penalty is on), and the frozen networks stay frozen.
    @Test func studentGradientPenaltyChangesOnlyTheStudentsLoss() throws {
        let plain = try Self.method(.full), penalised = try Self.method(.full, studentGradientPenalty: 10)
        #expect(!plain.lossNames.contains("D/r1") && penalised.lossNames.contains("D/r1"))
        var (a, b) = (RandomGenerator(seed: 1, stream: 0), RandomGenerator(seed: 1, stream: 0))
        _ = plain.step(Self.batch(), iteration: 0, random: &a)
        _ = penalised.step(Self.batch(), iteration: 0, random: &b)
        let afterPhaseOne = Self.snapshot(plain)
        #expect(afterPhaseOne == Self.snapshot(penalised))
        var (c, d) = (RandomGenerator(seed: 2, stream: 0), RandomGenerator(seed: 2, stream: 0))
        let plainLosses = plain.step(Self.batch(), iteration: Self.phaseOneIterations, random: &c)
        let losses = penalised.step(Self.batch(), iteration: Self.phaseOneIterations, random: &d)
        #expect(plainLosses["D/r1"] == nil && (losses["D/r1"] ?? 0) > 0)
        let (p, q) = (Self.snapshot(plain), Self.snapshot(penalised))
        #expect(p["D"] != q["D"])
        for frozen in ["T", "Duv", "Da"] { #expect(p[frozen] == afterPhaseOne[frozen] && q[frozen] == afterPhaseOne[frozen], "\(frozen)") }
        #expect(BiLGANSettings(phaseOneSize: 32, phaseOneIterations: 1, studentGradientPenalty: -1)
            .problems(imageSize: 64, iterations: 2).contains { $0.contains("studentGradientPenalty") })
    }

    /// The handover happens inside the first enhancing step, for two-phase variants only: afterwards the
    /// 9×9 output convolution is (up to one Adam step) zero outside its 7×7 centre, while `single-phase`
    /// keeps its random start there.
    @Test(arguments: [(BiLGANVariant.full, true, BiLGANSettings.EnhancerStart.handover), (.progressive, true, .handover),
                      (.singlePhase, false, .handover), (.full, true, .bilinearHandover), (.singlePhase, false, .bilinearHandover)])
    func handoverHappensAtTheFirstEnhancingStep(variant: BiLGANVariant, applied: Bool, start: BiLGANSettings.EnhancerStart) throws {
        let m = try Self.method(variant, enhancerInit: start)
        var random = RandomGenerator(seed: 1, stream: 0)
        func border() -> Float {
            let w = m.networks.g2.output.weight.value.scalars
            return w.enumerated().filter { i, _ in let (y, x) = (i / 9 % 9, i % 9); return y == 0 || y == 8 || x == 0 || x == 8 }
                .map { abs($0.element) }.max()!
        }
        let before = border()
        _ = m.step(Self.batch(), iteration: Self.phaseOneIterations, random: &random)
        #expect(before > 0.01)
        #expect((border() < 1e-3) == applied, "\(variant): largest border weight \(border())")
    }

    @Test func discriminatorStepsMustBePositive() {
        let settings = BiLGANSettings(phaseOneSize: 32, phaseOneIterations: 1, discriminatorSteps: 0)
        #expect(settings.problems(imageSize: 64, iterations: 2).contains { $0.contains("discriminatorSteps") })
    }

    /// Each ablation differs from the full method in exactly the switches its row names.
    @Test func variantsChangeOnlyTheirOwnSwitches() {
        let full = BiLGANVariant.full.switches
        func differences(_ v: BiLGANVariant) -> Set<String> {
            let s = v.switches
            var out: Set<String> = []
            if s.phases != full.phases { out.insert("phases") }
            if s.phaseTwoAdversarial != full.phaseTwoAdversarial { out.insert("adversarial") }
            if s.auxiliaryInPhaseTwo != full.auxiliaryInPhaseTwo { out.insert("auxiliary") }
            if s.identityTerm != full.identityTerm { out.insert("identity") }
            return out
        }
        #expect(differences(.singlePhase) == ["phases", "adversarial", "auxiliary"])
        #expect(differences(.progressive) == ["phases", "adversarial", "auxiliary"])
        #expect(differences(.ordinaryRegularization) == ["auxiliary"])
        #expect(differences(.noMutualInfo) == ["identity"] && BiLGANVariant.noMutualInfo.switches.identityTerm == .none)
        #expect(differences(.mine) == ["identity"] && differences(.cycle) == ["identity"])
        #expect(differences(.full).isEmpty)
    }

    @Test func phasesAndFadeInFollowTheSchedule() throws {
        let full = try Self.method(.full)
        #expect((0..<6).map { full.phase(at: $0) } == [.initial, .initial, .enhancing, .enhancing, .enhancing, .enhancing])
        #expect((0..<6).map { full.fadeIn(at: $0) } == [1, 1, 1, 1, 1, 1])
        #expect((0..<6).map { try! Self.method(.singlePhase).phase(at: $0) } == Array(repeating: .enhancing, count: 6))
        // Phase 2 has 4 iterations; α rises over the first half (2 iterations), then stays 1.
        let progressive = try Self.method(.progressive)
        #expect((2..<6).map { progressive.fadeIn(at: $0) } == [0.5, 1, 1, 1])
    }

    /// The same seed gives the same bits through both phases; another seed does not.
    @Test func stepsAreDeterministic() throws {
        let (a, b, c) = (try Self.method(.mine), try Self.method(.mine), try Self.method(.mine, seed: 4))
        for iteration in 0..<4 {
            for m in [a, b, c] {
                var random = RandomGenerator(seed: 1, stream: UInt64(iteration))
                _ = m.step(Self.batch(seed: UInt64(iteration)), iteration: iteration, random: &random)
            }
        }
        #expect(Self.snapshot(a) == Self.snapshot(b))
        #expect(Self.snapshot(a)["G2"] != Self.snapshot(c)["G2"])
    }

    /// G(x, c) at r₂ after the handover, G1's r₁ image upsampled before it; both in [−1, 1].
    @Test func translationIsAtTheFullResolutionInEitherPhase() throws {
        let m = try Self.method(.full)
        let b = Self.batch()
        var random = RandomGenerator(seed: 1, stream: 0)
        _ = m.step(b, iteration: 0, random: &random)
        let early = m.translate(b.images, sourceLabels: b.labels, targetLabels: b.labels)
        #expect(early.shape == [4, 3, 64, 64])
        #expect(early.scalars.allSatisfy { abs($0) <= 1 })
        #expect(m.translateInitialPhase(b.images, targetLabels: b.labels).shape == [4, 3, 32, 32])
        _ = m.step(b, iteration: Self.phaseOneIterations, random: &random)
        let late = m.translate(b.images, sourceLabels: b.labels, targetLabels: b.labels)
        #expect(late.shape == [4, 3, 64, 64] && late.scalars != early.scalars)
    }

    /// Losses each phase reports, and ω's source switch: with the teacher scoring real images ω
    /// comes from ↓x, so it differs from the default's ω on the generated images.
    @Test func enhancingPhaseReportsTheInheritedTerms() throws {
        let m = try Self.method(.full)
        var random = RandomGenerator(seed: 1, stream: 0)
        let losses = m.step(Self.batch(), iteration: Self.phaseOneIterations, random: &random)
        for name in ["D/loss_real", "D/loss_fake", "D/teacher_target", "G/loss_adv", "G/loss_geo", "G/loss_attr", "G/loss_id", "G/omega_max"] {
            #expect(losses[name]?.isFinite == true, "\(name) missing: \(losses)")
        }
        #expect(losses["phase"] == 2 && losses["T/loss_real"] == nil && losses["Da/loss_cls"] == nil)
        let t = losses["D/teacher_target"]!, omega = losses["G/omega_max"]!
        #expect(t >= 0 && t <= 1 && omega >= 1 && omega <= 2)
    }

    /// Parameter counts at the paper profile's shapes (r₁ 256, r₂ 1024, widths 64, 16 SRGAN blocks, D
    /// capped at 2048, the seven domains' five label columns), against the layer tables written out here.
    @Test func paperShapesHaveTheLayerTablesParameterCounts() {
        let s = BiLGANSettings(phaseOneSize: 256, phaseOneIterations: 0)
        let n = BiLGANNetworks(settings: s, imageSize: 1024, labelCount: 5, seed: 0)
        let c = 5
        let g1 = (3 + c) * 64 * 49 + 128 + 64 * 128 * 16 + 256 + 128 * 256 * 16 + 512
            + 6 * (2 * 256 * 256 * 9 + 2 * 512) + 256 * 128 * 16 + 256 + 128 * 64 * 16 + 128 + 64 * 3 * 49
        #expect(n.g1.parameterCount == g1)
        let block = 2 * 64 * 64 * 9 + 2 * 128 + 1
        let g2 = 16 * block + (64 * 64 * 9 + 128) + 2 * (64 * 256 * 9 + 256 + 1) + (64 * 3 * 81 + 3)
        #expect(n.g2.parameterCount == g2)
        func discriminator(side: Int, repeats: Int) -> Int {
            var total = 3 * 64 * 16 + 64, width = 64
            for _ in 1..<repeats {
                let next = min(width * 2, 2048)
                total += width * next * 16 + next
                width = next
            }
            let patch = side >> repeats
            return total + width * 9 + width * c * patch * patch
        }
        #expect(n.teacher.parameterCount == discriminator(side: 256, repeats: 6))
        #expect(n.student.parameterCount == discriminator(side: 1024, repeats: 8))
        #expect(n.student.parameterCount - n.teacher.parameterCount == 2 * (2048 * 2048 * 16 + 2048))
    }
}
