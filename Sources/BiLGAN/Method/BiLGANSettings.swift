import Datasets
import NN

/// BiL-GAN's hyperparameters as a profile states them (every field required except the optional
/// decisions added later, whose absence means the method file's choice). r₂ is the run's
/// `training.imageSize`; r₁ = `phaseOneSize`. Decisions of `bilgan-method.md` that are choices (not
/// facts) are fields here with the method file's choice as the profile value (`docs/bilgan.md`).
public struct BiLGANSettings: Codable, Sendable, Equatable {
    /// r₁, the initial phase's resolution (paper: 256 with r₂ = 1024).
    public var phaseOneSize: Int
    /// Iterations of the initial phase; the remaining `training.iterations` are the enhancing phase.
    /// Ignored by `single-phase`, which trains at r₂ throughout.
    public var phaseOneIterations: Int
    /// G1 = StarGAN's G (`g_conv_dim`, residual blocks) and T = StarGAN's D at r₁ (`d_conv_dim`, `d_repeat_num`).
    public var generatorConvDim: Int
    public var generatorResidualBlocks: Int
    public var teacherConvDim: Int
    public var teacherRepeat: Int
    /// G2's SRGAN residual blocks (16 in the paper profile).
    public var enhancerResidualBlocks: Int
    /// Width cap of the student D (**Decision** "D depth"; 2048 in the paper profile).
    public var studentMaxChannels: Int
    /// Loss weights (all 1 in the paper).
    public var lambdaAdversarial: Float
    public var lambdaGeometry: Float
    public var lambdaAttribute: Float
    public var lambdaIdentity: Float
    /// **Decision** `lambdaPixel`: weight of the paired tasks' pixel L1 to the ground truth (RaFD,
    /// Multi-PIE; §4.3 gives none). 10, StarGAN's λ_rec for its pixel L1; unused on unpaired data.
    public var lambdaPixel: Float
    /// Adam (1e-4, 0.5, 0.999) for every network the method trains.
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    /// **Decision** `omegaSource`: where T′ of ω comes from (`generated`, the method file's choice, or `real`).
    public var omegaSource: OmegaSource
    /// Hidden width of MINE's statistics network (`w/ MINE loss` only).
    public var mineHidden: Int
    /// **Decision** `criticTemperature`: InfoNCE's scores f/τ (`MutualPerceptualInformation.infoNCE`); 1 in
    /// every shipped profile (the method file's literal form), a field so a study of τ is a profile edit.
    public var criticTemperature: Float
    /// **Decision** `dSteps`: T's (phase 1) or D's (phase 2) updates per G update, all on the same batch
    /// and the same G output (G does not change between them). Absent means 1, the method file's choice
    /// (StarGAN uses 5, each on a new batch).
    public var discriminatorSteps: Int?

    /// **Decision** `g2Init`: how G2 starts (`EnhancerStart`). Absent means PyTorch's default, SRGAN as
    /// published.
    public var enhancerInit: EnhancerStart?

    /// **Decision** `studentR1`: γ of an R1 penalty, γ/2·E‖∇ₓ D(x)‖² on real images, added to the student
    /// D's loss in the enhancing phase (and in `single-phase`). Absent means none, the method file's choice.
    public var studentGradientPenalty: Float?

    /// G2's starting weights.
    public enum EnhancerStart: String, Codable, Sendable {
        /// PyTorch's default initialisation everywhere (SRGAN as published).
        case pytorchDefault
        /// ICNR sub-pixel convolutions (`SRGANBackEnd.UpsamplingInitialisation.icnr`), the rest default.
        case icnr
        /// At the handover G2 is set to continue the initial phase (`BiLGANNetworks.startEnhancerFromInitialPhase`):
        /// its residual trunk adds nothing, each sub-pixel convolution copies its input channel to the four
        /// positions (nearest-neighbour upsampling of G1's features), and its output convolution is G1's
        /// 7×7 RGB head (centred in the 9×9 kernel), so phase 2 starts from an image G1 already makes.
        case handover
        /// As `handover`, with G1's features upsampled bilinearly instead of by nearest neighbour, so G2
        /// starts without the 2×2 blocks the head turns into high-frequency edges.
        case bilinearHandover

        /// How the handover upsamples, for the starts that are handovers.
        public var handoverUpsampling: BiLGANNetworks.FeatureUpsampling? {
            switch self {
            case .handover: .nearest
            case .bilinearHandover: .bilinear
            case .pytorchDefault, .icnr: nil
            }
        }
    }

    /// `discriminatorSteps` resolved (absent = 1).
    public var criticUpdates: Int { discriminatorSteps ?? 1 }

    public enum OmegaSource: String, Codable, Sendable { case generated, real }

    public init(phaseOneSize: Int, phaseOneIterations: Int, generatorConvDim: Int = 64, generatorResidualBlocks: Int = 6,
                teacherConvDim: Int = 64, teacherRepeat: Int = 6, enhancerResidualBlocks: Int = 16,
                studentMaxChannels: Int = 2048, lambdaAdversarial: Float = 1, lambdaGeometry: Float = 1,
                lambdaAttribute: Float = 1, lambdaIdentity: Float = 1, lambdaPixel: Float = 10, learningRate: Float = 1e-4,
                beta1: Float = 0.5, beta2: Float = 0.999, omegaSource: OmegaSource = .generated, mineHidden: Int = 128,
                criticTemperature: Float = 1, discriminatorSteps: Int? = nil,
                enhancerInit: EnhancerStart? = nil, studentGradientPenalty: Float? = nil) {
        self.phaseOneSize = phaseOneSize; self.phaseOneIterations = phaseOneIterations
        self.generatorConvDim = generatorConvDim; self.generatorResidualBlocks = generatorResidualBlocks
        self.teacherConvDim = teacherConvDim; self.teacherRepeat = teacherRepeat
        self.enhancerResidualBlocks = enhancerResidualBlocks; self.studentMaxChannels = studentMaxChannels
        self.lambdaAdversarial = lambdaAdversarial; self.lambdaGeometry = lambdaGeometry
        self.lambdaAttribute = lambdaAttribute; self.lambdaIdentity = lambdaIdentity
        self.lambdaPixel = lambdaPixel
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.omegaSource = omegaSource; self.mineHidden = mineHidden; self.criticTemperature = criticTemperature
        self.discriminatorSteps = discriminatorSteps
        self.enhancerInit = enhancerInit
        self.studentGradientPenalty = studentGradientPenalty
    }

    /// log₂(r₂/r₁): G2's upsampling blocks and the student's extra stride-2 convolutions.
    public func upsamplings(imageSize: Int) -> Int? {
        guard phaseOneSize > 0, imageSize % phaseOneSize == 0 else { return nil }
        let ratio = imageSize / phaseOneSize
        guard ratio >= 1, ratio & (ratio - 1) == 0 else { return nil }
        return ratio.trailingZeroBitCount
    }

    /// Problems with these settings for r₂ = `imageSize` and `iterations`, named by field.
    public func problems(imageSize: Int, iterations: Int) -> [String] {
        var out: [String] = []
        for (name, value) in [("phaseOneSize", phaseOneSize), ("generatorConvDim", generatorConvDim),
                              ("teacherConvDim", teacherConvDim), ("teacherRepeat", teacherRepeat),
                              ("studentMaxChannels", studentMaxChannels), ("mineHidden", mineHidden)] where value <= 0 {
            out.append("bilgan.\(name) must be positive, got \(value)")
        }
        if let steps = discriminatorSteps, steps < 1 { out.append("bilgan.discriminatorSteps must be at least 1, got \(steps)") }
        if let gamma = studentGradientPenalty, !(gamma >= 0) {
            out.append("bilgan.studentGradientPenalty must be a non-negative number, got \(gamma)")
        }
        if !(criticTemperature > 0) { out.append("bilgan.criticTemperature must be positive, got \(criticTemperature)") }
        if generatorResidualBlocks < 0 || enhancerResidualBlocks < 0 { out.append("bilgan residual block counts must not be negative") }
        if upsamplings(imageSize: imageSize) == nil {
            out.append("bilgan: training.imageSize \(imageSize) must be phaseOneSize \(phaseOneSize) times a power of 2")
        }
        if phaseOneSize > 0, teacherRepeat > 0, phaseOneSize % (1 << teacherRepeat) != 0 {
            out.append("bilgan.teacherRepeat \(teacherRepeat) needs phaseOneSize divisible by \(1 << teacherRepeat), got \(phaseOneSize)")
        }
        if phaseOneSize % 32 != 0 { out.append("bilgan.phaseOneSize must be a multiple of 32 (D_a and φ are §7 networks), got \(phaseOneSize)") }
        if phaseOneIterations < 0 || phaseOneIterations > iterations {
            out.append("bilgan.phaseOneIterations must lie in 0...\(iterations) (training.iterations), got \(phaseOneIterations)")
        }
        return out
    }
}

/// Everything a BiL-GAN run is built from: the profile's settings plus what the experiment layer
/// resolves (the variant's switches, whether the geometry term applies, the auxiliary networks'
/// settings and the run that trained them). This is the run configuration's `methodSettings`.
public struct BiLGANConfiguration: Codable, Sendable, Equatable {
    public var settings: BiLGANSettings
    public var variant: BiLGANVariant
    public var switches: BiLGANSwitches
    /// False when the dataset has no UV fields, or its domains change geometry (expressions, pose).
    public var geometry: Bool
    public var geometryNote: String
    public var auxiliary: BiLGANAuxiliarySettings
    /// The `bilgan-aux` run (folder name, which embeds its configuration hash) whose weights D_uv, D_a
    /// and φ start from.
    public var auxiliaryRun: String
    /// Training identities φ classifies (its last layer's width), so a finished run's checkpoint loads
    /// without the dataset at hand (`evaluate`).
    public var identities: Int
    /// The paired tasks (§4.3: RaFD animation, Multi-PIE frontalisation): targets are drawn from the
    /// paired ground truths this policy allows and G gains λ_pixel·‖G(x, c′) − y_c′‖₁; nil on unpaired
    /// data (CelebA-HQ), where targets are the batch's shuffled labels.
    public var pairedTargets: PairedTargetPolicy?

    public init(settings: BiLGANSettings, variant: BiLGANVariant, geometry: Bool, geometryNote: String,
                auxiliary: BiLGANAuxiliarySettings, auxiliaryRun: String, identities: Int,
                pairedTargets: PairedTargetPolicy? = nil) {
        self.settings = settings; self.variant = variant; self.switches = variant.switches
        self.geometry = geometry; self.geometryNote = geometryNote; self.auxiliary = auxiliary
        self.auxiliaryRun = auxiliaryRun; self.identities = identities; self.pairedTargets = pairedTargets
    }
}
