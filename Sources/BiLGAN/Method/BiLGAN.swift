import Datasets
import NN
import Networks
import TensorCore
import Training

/// BiL-GAN (Chen et al., arXiv 1904.06624) as `bilgan-method.md` restates it, one training method for
/// both phases: iterations below `phaseOneIterations` run the initial phase at r₁, the rest the
/// enhancing phase at r₂, so a checkpoint taken anywhere (including the handover) resumes exactly.
/// Each iteration is `discriminatorSteps` D steps (default 1) then one G step (**Decision** `dSteps`).
///
/// Initial phase (r₁):  L_T = LSGAN(T(↓x), 1) + LSGAN(T(G1(↓x, c′)), 0);  D_uv, D_a on real ↓x;
///   L_G1 = λ_adv LSGAN(T(G1), 1) + λ_geo ‖D_uv(G1) − uv‖₁ + λ_attr CE(D_a(G1), c′) + λ_id L_id.
/// Paired tasks (RaFD, Multi-PIE) add λ_pixel ‖G(x, c′) − y_c′‖₁ at the phase's resolution.
/// Enhancing phase (r₂), T (and by default D_uv, D_a) frozen:
///   L_D = Eq. 4 with t(x) = clamp(mean T(↓x), 0, 1);  L_G = Eq. 5 with ω from T′, plus the
///   geometry, attribute and identity terms on ↓G(x, c′). G1 and G2 are both updated.
/// The variant's `switches` replace single pieces (`BiLGANVariant`).
public final class BiLGAN: TrainingMethod {
    public enum Phase: Int, Sendable { case initial = 1, enhancing = 2 }

    public let configuration: BiLGANConfiguration
    public let networks: BiLGANNetworks
    public let auxiliary: AuxiliaryNetworks
    public let statistics: MINEStatisticsNetwork?
    let totalIterations: Int
    let classification: DomainClassificationLoss
    let g1Optimizer: Adam, g2Optimizer: Adam, teacherOptimizer: Adam, studentOptimizer: Adam
    let uvOptimizer: Adam, attributeOptimizer: Adam
    let statisticsOptimizer: Adam?
    /// Iterations completed so far (set by `step`; a finished run translates as its last iteration did).
    var iterationsSeen: Int

    var settings: BiLGANSettings { configuration.settings }
    var switches: BiLGANSwitches { configuration.switches }

    /// D_uv, D_a and φ start from `context.auxiliaryCheckpoint` (the `bilgan-aux` run) when given.
    public init(configuration: BiLGANConfiguration, context: MethodContext, iterations: Int) throws {
        self.configuration = configuration
        let s = configuration.settings
        networks = BiLGANNetworks(settings: s, imageSize: context.imageSize, labelCount: context.labelCount, seed: context.seed)
        let auxContext = MethodContext(domains: context.domains, imageSize: s.phaseOneSize, seed: context.seed)
        let pretrained = BiLGANAuxiliary(settings: configuration.auxiliary, context: auxContext, identities: configuration.identities)
        if let checkpoint = context.auxiliaryCheckpoint {
            _ = try CheckpointDirectory(url: checkpoint).restoreLatest(into: pretrained)
        }
        auxiliary = pretrained.networks
        auxiliary.recogniser.eval()
        auxiliary.attributes.eval()
        if configuration.switches.identityTerm == .mine {
            var g = RandomGenerator(seed: context.seed, stream: 4)
            statistics = MINEStatisticsNetwork(embeddingSize: 512, hidden: s.mineHidden, generator: &g)
        } else {
            statistics = nil
        }
        totalIterations = iterations
        iterationsSeen = iterations
        classification = DomainLabels.isOneHot(context.domains) ? .softmaxCrossEntropy : .binaryCrossEntropy
        func adam(_ m: Module) -> Adam { Adam(m.parameters(), learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2) }
        g1Optimizer = adam(networks.g1); g2Optimizer = adam(networks.g2)
        teacherOptimizer = adam(networks.teacher); studentOptimizer = adam(networks.student)
        uvOptimizer = adam(auxiliary.uv); attributeOptimizer = adam(auxiliary.attributes)
        statisticsOptimizer = statistics.map(adam)
    }

    public var checkpointModules: [(name: String, module: Module)] {
        [("G1", networks.g1), ("G2", networks.g2), ("T", networks.teacher), ("D", networks.student)]
            + auxiliary.named + (statistics.map { [("MINE", $0 as Module)] } ?? [])
    }

    public var optimizers: [(name: String, optimizer: Adam, module: Module)] {
        var out: [(name: String, optimizer: Adam, module: Module)] = [
            ("G1", g1Optimizer, networks.g1), ("G2", g2Optimizer, networks.g2), ("T", teacherOptimizer, networks.teacher),
            ("D", studentOptimizer, networks.student), ("Duv", uvOptimizer, auxiliary.uv), ("Da", attributeOptimizer, auxiliary.attributes)]
        if let statistics, let statisticsOptimizer { out.append(("MINE", statisticsOptimizer, statistics)) }
        return out
    }

    /// The logged columns; `D/r1` only when the student's R1 penalty is on, so runs without it keep the
    /// columns they always had.
    public var lossNames: [String] {
        ["phase", "alpha", "T/loss_real", "T/loss_fake", "D/loss_real", "D/loss_fake", "D/teacher_target",
         "Duv/loss_uv", "Da/loss_cls", "G/loss_adv", "G/loss_geo", "G/loss_attr", "G/loss_id", "G/loss_pixel",
         "G/omega_max", "MINE/bound"] + ((settings.studentGradientPenalty ?? 0) > 0 ? ["D/r1"] : [])
    }

    /// The phase iteration `iteration` (0-based) belongs to.
    public func phase(at iteration: Int) -> Phase {
        switches.phases == .single || iteration >= settings.phaseOneIterations ? .enhancing : .initial
    }

    /// PGGAN's fade-in weight of G2 at `iteration`: 0 → 1 over the first half of phase 2 (`progressive`
    /// only; 1 otherwise).
    public func fadeIn(at iteration: Int) -> Float {
        guard switches.phases == .progressiveFadeIn else { return 1 }
        let ramp = max(1, (totalIterations - settings.phaseOneIterations) / 2)
        return min(1, Float(iteration - settings.phaseOneIterations + 1) / Float(ramp))
    }

    public func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        // Paired tasks translate to the loader's drawn ground-truth domain; the rest to shuffled labels.
        let targets = batch.pairedLabels ?? DomainLabels.shuffled(batch.labels, random: &random)
        let pairing = statistics == nil ? [] : MINEBound.derangement(batch.images.shape[0], random: &random)
        if let upsampling = settings.enhancerInit?.handoverUpsampling, switches.phases != .single,
           iteration == settings.phaseOneIterations {
            networks.startEnhancerFromInitialPhase(upsampling: upsampling)
        }
        var losses: [String: Float]
        switch phase(at: iteration) {
        case .initial: losses = initialStep(batch, targets: targets, pairing: pairing)
        case .enhancing: losses = enhancingStep(batch, targets: targets, pairing: pairing, alpha: fadeIn(at: iteration))
        }
        iterationsSeen = iteration + 1
        losses["phase"] = Float(phase(at: iteration).rawValue)
        return losses
    }

    public func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor {
        withoutGradients {
            networks.g2.eval()
            defer { networks.g2.train() }
            let last = max(iterationsSeen - 1, 0)
            if phase(at: last) == .initial {
                let r1 = networks.g1(networks.down(images), labels: targetLabels)
                return resizeBilinear(r1, height: networks.phaseTwoSize, width: networks.phaseTwoSize)
            }
            return networks.enhanced(images, labels: targetLabels, fadeIn: fadeIn(at: last))
        }
    }

    /// G1's own image at r₁ (the initial phase's output), for comparing the phases.
    public func translateInitialPhase(_ images: Tensor, targetLabels: Tensor) -> Tensor {
        withoutGradients { networks.g1(networks.down(images), labels: targetLabels) }
    }
}
