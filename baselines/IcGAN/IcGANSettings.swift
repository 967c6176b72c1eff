/// IcGAN's hyperparameters (`cfg/mainConfig.lua`, `baselines.md` §3.1), upstream names in comments.
public struct IcGANSettings: Codable, Sendable, Equatable {
    /// `nz` (100), `ngf` = `ndf` (64).
    public var noiseSize: Int
    public var generatorFilters: Int
    public var discriminatorFilters: Int
    /// Encoders: `nf` (32) and the FC widths (E_z: 4096 = the flattened size, E_y: 512).
    public var encoderFilters: Int
    public var encoderZFullyConnected: Int
    public var encoderYFullyConnected: Int
    /// The first `ganIterations` train the conditional GAN; the rest train E_z and E_y with G frozen.
    public var ganIterations: Int
    /// cGAN Adam: lr 2e-4, β1 0.5; encoders: lr 1e-4, β1 0.1 (β2 0.999 both).
    public var ganLearningRate: Float
    public var ganBeta1: Float
    public var encoderLearningRate: Float
    public var encoderBeta1: Float

    public init(noiseSize: Int = 100, generatorFilters: Int = 64, discriminatorFilters: Int = 64, encoderFilters: Int = 32,
                encoderZFullyConnected: Int = 4096, encoderYFullyConnected: Int = 512, ganIterations: Int,
                ganLearningRate: Float = 2e-4, ganBeta1: Float = 0.5, encoderLearningRate: Float = 1e-4, encoderBeta1: Float = 0.1) {
        self.noiseSize = noiseSize; self.generatorFilters = generatorFilters; self.discriminatorFilters = discriminatorFilters
        self.encoderFilters = encoderFilters; self.encoderZFullyConnected = encoderZFullyConnected
        self.encoderYFullyConnected = encoderYFullyConnected; self.ganIterations = ganIterations
        self.ganLearningRate = ganLearningRate; self.ganBeta1 = ganBeta1
        self.encoderLearningRate = encoderLearningRate; self.encoderBeta1 = encoderBeta1
    }

    public func problems(imageSize: Int, iterations: Int) -> [String] {
        var out: [String] = []
        if imageSize != 64 { out.append("IcGAN is a 64×64 model (DCGAN, baselines.md §3.2): set training.imageSize to 64, got \(imageSize)") }
        for (name, value) in [("noiseSize", noiseSize), ("generatorFilters", generatorFilters), ("discriminatorFilters", discriminatorFilters),
                              ("encoderFilters", encoderFilters), ("encoderZFullyConnected", encoderZFullyConnected),
                              ("encoderYFullyConnected", encoderYFullyConnected)] where value <= 0 {
            out.append("icgan.\(name) must be positive, got \(value)")
        }
        if ganIterations <= 0 || ganIterations >= iterations {
            out.append("icgan.ganIterations must lie in 1..<\(iterations) (the rest train the encoders), got \(ganIterations)")
        }
        return out
    }
}
