import Foundation
import ResultsStore
import Testing

/// `<table>-orderings.md`: whether our rows come in the paper's order, per column, with the seeds' spread.
@Suite struct PaperOrderingsTests {
    /// BiL-GAN (3 seeds) against StarGAN (1 seed): FID and CLAS error in the paper's order, MS-SSIM's
    /// difference (0.0088) inside BiL-GAN's sd (0.01); unmeasured rows say so and are not counted.
    @Test func table2OrderingsAgainstASeededDatabase() throws {
        let dir = try TemporaryDirectory()
        let table = try TableBuilder.build(PublishedTables.table2, from: try TableRenderingTests.seededTable2Database(dir))
        let all = PaperOrderings.comparisons(table)
        let star = all.filter { $0.pair == "BiL-GAN vs StarGAN" }
        #expect(star.map(\.column) == ["FID", "MS-SSIM", "CLAS error"])
        #expect(star.map(\.verdict) == [.reproduces, .withinSpread, .reproduces])
        #expect(star[0].published == "14.93 vs 19.75" && star[0].ours == "15.00 ± 1.00 (n=3) vs 20.50 (n=1)")
        // Ablations are stated against the full method, and are not measured here.
        let cycle = all.filter { $0.pair == "w/ cycle loss vs BiL-GAN" }
        #expect(cycle.count == 3 && cycle.allSatisfy { $0.verdict == .notMeasured })
        #expect(!all.contains { $0.pair.contains("pix2pix") })
        #expect(PaperOrderings.markdown([table]).contains("2 of 3 measured orderings reproduce"))
    }

    @Test func verdictsFollowTheSignsUnlessTheSpreadCoversTheDifference() {
        #expect(PaperOrderings.verdict(1, (0.2, nil, 1)) == .reproduces)
        #expect(PaperOrderings.verdict(1, (-0.2, nil, 1)) == .reversed)
        #expect(PaperOrderings.verdict(-1, (-0.2, 0.1, 3)) == .reproduces)
        #expect(PaperOrderings.verdict(-1, (-0.2, 0.3, 3)) == .withinSpread)
        #expect(PaperOrderings.verdict(1, nil) == .notMeasured)
    }
}
