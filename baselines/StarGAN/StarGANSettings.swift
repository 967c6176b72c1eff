import NN

/// StarGAN's hyperparameters with upstream's names in the comments (`main.py` L58–83,
/// `baselines.md` §1.3–1.4). A profile states every field, so a run's configuration is complete.
public struct StarGANSettings: Codable, Sendable, Equatable {
    /// `g_conv_dim` (64).
    public var generatorConvDim: Int
    /// `d_conv_dim` (64).
    public var discriminatorConvDim: Int
    /// `g_repeat_num`: residual blocks in G (6).
    public var generatorResidualBlocks: Int
    /// `d_repeat_num`: stride-2 convolutions in D (6 at 128²); the image size must divide by 2^this.
    public var discriminatorRepeat: Int
    /// `lambda_cls` (1), `lambda_rec` (10), `lambda_gp` (10).
    public var lambdaClassification: Float
    public var lambdaReconstruction: Float
    public var lambdaGradientPenalty: Float
    /// `n_critic`: D iterations per G update (5).
    public var criticSteps: Int
    /// `g_lr`, `d_lr` (1e-4), `beta1` (0.5), `beta2` (0.999).
    public var generatorLearningRate: Float
    public var discriminatorLearningRate: Float
    public var beta1: Float
    public var beta2: Float
    /// Instance-norm γ at initialisation: `ones` (PyTorch ≥ 1.2) or `uniform01` (PyTorch ≤ 1.1,
    /// which the original runs most likely used; `baselines.md` §1.2).
    public var normScaleInit: AffineInit

    public init(generatorConvDim: Int = 64, discriminatorConvDim: Int = 64, generatorResidualBlocks: Int = 6,
                discriminatorRepeat: Int = 6, lambdaClassification: Float = 1, lambdaReconstruction: Float = 10,
                lambdaGradientPenalty: Float = 10, criticSteps: Int = 5, generatorLearningRate: Float = 1e-4,
                discriminatorLearningRate: Float = 1e-4, beta1: Float = 0.5, beta2: Float = 0.999,
                normScaleInit: AffineInit = .ones) {
        self.generatorConvDim = generatorConvDim; self.discriminatorConvDim = discriminatorConvDim
        self.generatorResidualBlocks = generatorResidualBlocks; self.discriminatorRepeat = discriminatorRepeat
        self.lambdaClassification = lambdaClassification; self.lambdaReconstruction = lambdaReconstruction
        self.lambdaGradientPenalty = lambdaGradientPenalty; self.criticSteps = criticSteps
        self.generatorLearningRate = generatorLearningRate; self.discriminatorLearningRate = discriminatorLearningRate
        self.beta1 = beta1; self.beta2 = beta2; self.normScaleInit = normScaleInit
    }

    /// Problems with these settings at `imageSize`, named by field.
    public func problems(imageSize: Int) -> [String] {
        var out: [String] = []
        for (name, value) in [("generatorConvDim", generatorConvDim), ("discriminatorConvDim", discriminatorConvDim),
                              ("discriminatorRepeat", discriminatorRepeat), ("criticSteps", criticSteps)] where value <= 0 {
            out.append("stargan.\(name) must be positive, got \(value)")
        }
        if generatorResidualBlocks < 0 { out.append("stargan.generatorResidualBlocks must not be negative") }
        if discriminatorRepeat > 0 && imageSize % (1 << discriminatorRepeat) != 0 {
            out.append("stargan.discriminatorRepeat \(discriminatorRepeat) needs an image size divisible by \(1 << discriminatorRepeat), got \(imageSize)")
        }
        if imageSize % 4 != 0 { out.append("StarGAN's generator needs an image size divisible by 4, got \(imageSize)") }
        return out
    }
}
