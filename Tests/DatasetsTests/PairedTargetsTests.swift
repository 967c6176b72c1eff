import Datasets
import Foundation
import Testing

/// The paired tasks' ground truth (§4.3): each input is paired with the same subject's photo in a target
/// domain the policy allows, drawn from a seeded stream, loaded with the input's flip.
@Suite struct PairedTargetsTests {
    static func sample(_ name: String, column: Int, of width: Int, key: String) -> LabelledImage {
        var labels = [Float](repeating: 0, count: width)
        labels[column] = 1
        return LabelledImage(image: URL(fileURLWithPath: "/data/\(name).png"), labels: labels, pairKey: key)
    }

    @Test func frontalisationPairsEveryPoseWithTheFrontalPhotoOfItsSet() throws {
        let frontal = DomainSelection.multiPIEPoses.attributes.firstIndex(of: "05_1")!
        #expect(PairedTargetPolicy.frontalisation.targetDomains == [frontal])
        // Two subjects × two illuminations, three poses each (one of them frontal).
        var samples: [LabelledImage] = []
        for key in ["1/1/1/6", "1/1/1/3", "2/1/1/6", "2/1/1/3"] {
            for column in [0, frontal, 12] { samples.append(Self.sample("\(key)-\(column)", column: column, of: 13, key: key)) }
        }
        let pairs = try PairedTargets(samples: samples, policy: .frontalisation)
        for (i, partners) in pairs.partners.enumerated() {
            #expect(partners.count == 1)
            let partner = samples[partners[0]]
            #expect(partner.pairKey == samples[i].pairKey && partner.labels[frontal] == 1)
        }
    }

    @Test func animationPairsWithEveryExpressionOfTheSameSetInColumnOrder() throws {
        let samples = (0..<8).reversed().map { Self.sample("a\($0)", column: $0, of: 8, key: "7/90/frontal") }
            + (0..<8).map { Self.sample("b\($0)", column: $0, of: 8, key: "9/90/left") }
        let pairs = try PairedTargets(samples: samples, policy: PairedTargetPolicy())
        for (i, partners) in pairs.partners.enumerated() {
            #expect(partners.map { samples[$0].labels.firstIndex(of: 1)! } == Array(0..<8))
            #expect(partners.allSatisfy { samples[$0].pairKey == samples[i].pairKey })
            #expect(partners.contains(i))
        }
    }

    @Test func aSampleWithoutPartnerOrKeyIsNamed() throws {
        let lonely = [Self.sample("profile-only", column: 0, of: 13, key: "3/1/1/6")]
        #expect { try PairedTargets(samples: lonely, policy: .frontalisation) } throws: { error in
            "\(error)".contains("/data/profile-only.png") && "\(error)".contains("no paired ground truth")
        }
        let unkeyed = [Self.sample("celeb", column: 0, of: 8, key: "")]
        #expect { try PairedTargets(samples: unkeyed, policy: PairedTargetPolicy()) } throws: { error in
            "\(error)".contains("/data/celeb.png") && "\(error)".contains("no pair key")
        }
    }

    /// On the tiny RaFD-like set: the paired image is exactly the partner's image loaded alone with the
    /// same flip, its label is the partner's, the draw is seeded, and different epochs draw differently.
    @Test func loaderDeliversThePartnersImageFlippedLikeTheInput() throws {
        let samples = try RaFDDataset.open(TinySynthFaces.root.appendingPathComponent("rafd")).samples()
        let configuration = BatchConfiguration(batchSize: 4, imageSize: 16, flip: true, prefetch: 0, seed: 3,
                                               pairedTargets: PairedTargetPolicy())
        let loader = try BatchLoader(samples: samples, configuration: configuration)
        let again = try BatchLoader(samples: samples, configuration: configuration)
        #expect(loader.plan(epoch: 2).map(\.partners) == again.plan(epoch: 2).map(\.partners))
        #expect(loader.plan(epoch: 1).map(\.partners) != loader.plan(epoch: 2).map(\.partners))
        let plan = loader.plan(epoch: 1)[0]
        let batch = try loader.batch(epoch: 1, index: 0)
        let plane = 3 * 16 * 16
        for (k, partner) in plan.partners.enumerated() {
            #expect(samples[partner].pairKey == samples[plan.indices[k]].pairKey)
            var alone = BatchConfiguration(batchSize: 1, imageSize: 16, flip: false, shuffle: false, prefetch: 0)
            alone.flip = false
            let image = try BatchLoader(samples: [samples[partner]], configuration: alone).batch(epoch: 0, index: 0).images.scalars
            let expected = plan.flips[k] ? Self.mirrored(image, side: 16) : image
            #expect(Array(batch.pairedImages!.scalars[(k * plane)..<((k + 1) * plane)]) == expected)
            #expect(Array(batch.pairedLabels!.scalars[(k * 8)..<((k + 1) * 8)]) == samples[partner].labels)
        }
        // Without a policy nothing extra is loaded.
        var plain = configuration
        plain.pairedTargets = nil
        #expect(try BatchLoader(samples: samples, configuration: plain).batch(epoch: 1, index: 0).pairedImages == nil)
    }

    static func mirrored(_ scalars: [Float], side: Int) -> [Float] {
        var out = scalars
        for row in 0..<(scalars.count / side) { for col in 0..<side { out[row * side + col] = scalars[row * side + side - 1 - col] } }
        return out
    }
}
