import Foundation
import TensorCore

/// How simulated raters disagree, as people do (a Thurstone case-V choice model with lapses). A rater
/// perceives the relative gap g = (d_right − d_left) / (d_left + d_right) between the two outputs'
/// distances to the ground truth, blurred by Gaussian noise of the rater's own `slack`, and picks the
/// left output when the perceived gap is positive; with probability `lapse` the rater picks at random
/// (inattention). Per rater, slack = medianSlack · exp(slackSpread · N(0, 1)) and lapse = maxLapse · U(0, 1).
/// The numbers are modelling choices, not from the paper: a median slack of 0.25 makes a rater follow the
/// metric almost always when one output is twice as far off (g = 1/3) and guess near 50/50 when the
/// outputs are within a few percent.
public struct NoiseModel: Codable, Sendable, Equatable {
    public var medianSlack: Double
    public var slackSpread: Double
    public var maxLapse: Double

    public init(medianSlack: Double = 0.25, slackSpread: Double = 0.5, maxLapse: Double = 0.1) {
        self.medianSlack = medianSlack
        self.slackSpread = slackSpread
        self.maxLapse = maxLapse
    }
}

/// One simulated rater: prefers the output closer to the renderer's ground truth under `distance`,
/// with its own noise drawn from a `NoiseModel`.
public struct GroundTruthRater: Codable, Sendable, Equatable {
    public let name: String
    public let distance: ImageDistance
    public let slack: Double
    public let lapse: Double
    /// Seed of this rater's choice noise.
    public let seed: UInt64

    /// Rater `index` of a simulation seeded by `seed` (RandomGenerator stream 2000 + index).
    public init(index: Int, seed: UInt64, distance: ImageDistance, noise: NoiseModel) {
        var random = RandomGenerator(seed: seed, stream: 2_000 + UInt64(index))
        name = String(format: "simulated-%02d", index + 1)
        self.distance = distance
        slack = noise.medianSlack * exp(noise.slackSpread * random.normal())
        lapse = noise.maxLapse * random.uniformDouble()
        self.seed = random.next()
    }

    /// Whether the rater picks the left output, given both distances; `random` is the rater's stream.
    public func prefersLeft(leftDistance: Double, rightDistance: Double, random: inout RandomGenerator) -> Bool {
        let lapsed = random.uniformDouble() < lapse
        let coin = random.next() & 1 == 0
        let noise = random.normal()
        if lapsed { return coin }
        let total = leftDistance + rightDistance
        let gap = total > 0 ? (rightDistance - leftDistance) / total : 0
        return gap + slack * noise > 0
    }
}
