/// The auxiliary networks' settings (profile entry `bilgan-aux`): D_uv, D_a and the face recogniser
/// whose embedding is φ, all at r₁ (the entry's `training.imageSize`).
public struct BiLGANAuxiliarySettings: Codable, Sendable, Equatable {
    /// D_uv's U-Net width and depth (**Decision** `uvRegressor`).
    public var uvRegressorWidth: Int
    public var uvRegressorLevels: Int
    /// D_a: the §7 classifier's `dim`.
    public var attributeNetworkDim: Int
    /// φ: a §7 network trained to classify training identities; φ is its 512-d fc1 layer
    /// (**Decision** `recogniser`).
    public var recogniserDim: Int
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float

    public init(uvRegressorWidth: Int = 32, uvRegressorLevels: Int = 4, attributeNetworkDim: Int = 32,
                recogniserDim: Int = 32, learningRate: Float = 2e-4, beta1: Float = 0.9, beta2: Float = 0.999) {
        self.uvRegressorWidth = uvRegressorWidth; self.uvRegressorLevels = uvRegressorLevels
        self.attributeNetworkDim = attributeNetworkDim; self.recogniserDim = recogniserDim
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
    }

    public func problems(imageSize: Int) -> [String] {
        var out: [String] = []
        for (name, value) in [("uvRegressorWidth", uvRegressorWidth), ("attributeNetworkDim", attributeNetworkDim),
                              ("recogniserDim", recogniserDim)] where value <= 0 {
            out.append("bilgan-aux.\(name) must be positive, got \(value)")
        }
        if uvRegressorLevels < 2 { out.append("bilgan-aux.uvRegressorLevels must be at least 2, got \(uvRegressorLevels)") }
        else if imageSize % (1 << uvRegressorLevels) != 0 {
            out.append("bilgan-aux.uvRegressorLevels \(uvRegressorLevels) needs an image size divisible by \(1 << uvRegressorLevels), got \(imageSize)")
        }
        if imageSize % 32 != 0 { out.append("bilgan-aux: training.imageSize (r₁) must be a multiple of 32 for the §7 networks, got \(imageSize)") }
        return out
    }
}
