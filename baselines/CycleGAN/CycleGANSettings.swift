/// CycleGAN's hyperparameters (`baselines.md` §2.1, §8.10), upstream option names in the comments.
public struct CycleGANSettings: Codable, Sendable, Equatable {
    /// `ngf`, `ndf` (64).
    public var generatorFilters: Int
    public var discriminatorFilters: Int
    /// Residual blocks: 9 at 256² (`resnet_9blocks`), 6 at 128².
    public var residualBlocks: Int
    /// `lambda_A` = `lambda_B` (10) and `lambda_identity` (0.5, a fraction of λ_cycle).
    public var lambdaCycle: Float
    public var lambdaIdentity: Float
    /// `pool_size` (50).
    public var poolSize: Int
    /// `lr` (2e-4), `beta1` (0.5); β2 = 0.999 is fixed upstream.
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    /// Images of each domain a pair trains on per iteration, taken from the batch (upstream's batch 1).
    public var imagesPerDomain: Int

    public init(generatorFilters: Int = 64, discriminatorFilters: Int = 64, residualBlocks: Int = 9, lambdaCycle: Float = 10,
                lambdaIdentity: Float = 0.5, poolSize: Int = 50, learningRate: Float = 2e-4, beta1: Float = 0.5,
                beta2: Float = 0.999, imagesPerDomain: Int = 1) {
        self.generatorFilters = generatorFilters; self.discriminatorFilters = discriminatorFilters
        self.residualBlocks = residualBlocks; self.lambdaCycle = lambdaCycle; self.lambdaIdentity = lambdaIdentity
        self.poolSize = poolSize; self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.imagesPerDomain = imagesPerDomain
    }

    public func problems(imageSize: Int) -> [String] {
        var out: [String] = []
        for (name, value) in [("generatorFilters", generatorFilters), ("discriminatorFilters", discriminatorFilters),
                              ("imagesPerDomain", imagesPerDomain)] where value <= 0 {
            out.append("cyclegan.\(name) must be positive, got \(value)")
        }
        if poolSize < 0 || residualBlocks < 0 { out.append("cyclegan.poolSize and residualBlocks must not be negative") }
        if imageSize % 4 != 0 || imageSize < 32 { out.append("CycleGAN needs an image size of at least 32 divisible by 4, got \(imageSize)") }
        return out
    }
}
