import Foundation
import ResultsStore
import Study
import Imaging
import TensorCore
import Testing

/// Ground-truth raters on SynthFaces: outputs are the renderer's translation plus noise, least for BiL-GAN,
/// most for IcGAN, so simulated raters must prefer BiL-GAN, and more strongly against IcGAN.
@Suite struct SimulationTests {
    @Test func groundTruthRatersPreferTheLessDegradedMethod() throws {
        let dir = try TemporaryDirectory()
        let (database, _, _) = try SyntheticTranslations.study(faces: 3, pairsPerRater: 24, in: dir)
        let report = try StudySimulation.run(study: "table1", database: database, raters: 20, seed: 4, distance: .l1)
        #expect(report.raters.count == 20 && report.raters.allSatisfy { $0.votes == 24 })
        // Raters follow the metric mostly, and not always: they disagree as people do.
        #expect(report.agreementWithMetric > 0.8 && report.agreementWithMetric < 1, "\(report.summary)")
        let pairwise = try #require(report.meanPairwiseAgreement)
        #expect(pairwise > 0.6 && pairwise < 1, "\(report.summary)")
        #expect(report.summary.contains("20 SIMULATED ground-truth raters (not people)"))

        let table = try TableBuilder.build(PublishedTables.table1, from: database, study: "table1")
        let stargan = try #require(table.rows.first { $0.method == MethodKey.stargan })
        let icgan = try #require(table.rows.first { $0.method == MethodKey.icgan })
        for column in 0..<3 {
            let againstStarGAN = try #require(stargan.cells[column].ours), againstIcGAN = try #require(icgan.cells[column].ours)
            #expect(againstStarGAN.count == 20 && againstIcGAN.count == 20)
            #expect(againstStarGAN.mean > 0.6, "column \(column): \(againstStarGAN)")
            #expect(againstIcGAN.mean > againstStarGAN.mean, "column \(column)")
            let interval = try #require(stargan.cells[column].interval95)
            #expect(interval.contains(againstStarGAN.mean) && interval.upperBound - interval.lowerBound < 0.3)
        }
        let markdown = MarkdownRenderer().render(table)
        print(report.summary + "\n" + markdown)   // the numbers docs/study.md quotes
        #expect(markdown.contains("20 SIMULATED raters (ground-truth raters from `study simulate`, not people)"), "\(markdown)")
        #expect(throws: StudyError.self) { try StudySimulation.run(study: "table1", database: database, raters: 2, seed: 4, distance: .l1) }
    }

    /// The same study and seed give the same votes.
    @Test func simulationIsSeeded() throws {
        var runs = [[String]]()
        for _ in 0..<2 {
            let dir = try TemporaryDirectory()
            let (database, _, _) = try SyntheticTranslations.study(faces: 1, pairsPerRater: 6, in: dir)
            _ = try StudySimulation.run(study: "table1", database: database, raters: 3, seed: 9, distance: .l1)
            runs.append(try database.preferenceVotes(study: "table1")
                .map { "\($0.rater) \($0.opponent) \($0.attributeGroups) \($0.preferredSubject) \($0.raterKind?.rawValue ?? "-")" })
        }
        #expect(runs[0].count == 18 && runs[0].allSatisfy { $0.hasSuffix("simulated") })
        #expect(runs[0] == runs[1])
    }

    /// The noise model: a rater with no slack and no lapses is the metric; a large gap wins nearly always.
    @Test func noiseModelReducesToTheMetricWithoutNoise() {
        let exact = GroundTruthRater(index: 0, seed: 1, distance: .l1, noise: NoiseModel(medianSlack: 0, slackSpread: 0, maxLapse: 0))
        var random = RandomGenerator(seed: 2)
        #expect((0..<100).allSatisfy { _ in exact.prefersLeft(leftDistance: 0.10, rightDistance: 0.11, random: &random) })
        #expect((0..<100).allSatisfy { _ in !exact.prefersLeft(leftDistance: 0.11, rightDistance: 0.10, random: &random) })
        let noisy = GroundTruthRater(index: 0, seed: 1, distance: .l1, noise: NoiseModel(medianSlack: 0.25, slackSpread: 0, maxLapse: 0))
        let nearTie = (0..<1000).filter { _ in noisy.prefersLeft(leftDistance: 0.100, rightDistance: 0.101, random: &random) }.count
        let clear = (0..<1000).filter { _ in noisy.prefersLeft(leftDistance: 0.05, rightDistance: 0.15, random: &random) }.count
        // Φ(0.005/0.25) ≈ 0.508 and Φ(0.5/0.25) ≈ 0.977.
        #expect(abs(nearTie - 508) < 60 && abs(clear - 977) < 20, "\(nearTie) \(clear)")
    }

    @Test func distancesNameTheirImages() throws {
        let small = Imaging.Image(width: 8, height: 8, channels: 3, fill: 0.5)
        let other = Imaging.Image(width: 8, height: 8, channels: 3, fill: 0.25)
        let l1 = ImageDistance.l1, msssim = ImageDistance.oneMinusMSSSIM
        #expect(try l1(small, other, path: "x.png") == 0.25)
        #expect(throws: StudyError.self) { try l1(small, Imaging.Image(width: 4, height: 8, channels: 3), path: "x.png") }
        do {
            _ = try msssim(small, other, path: "small.png")
            Issue.record("MS-SSIM accepted an 8-pixel image")
        } catch let error as StudyError {
            #expect(error.description.hasPrefix("small.png"))
        }
    }
}
