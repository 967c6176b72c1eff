import Foundation
import ResultsStore
import Testing

/// Tables built from a database seeded with known runs, compared with the expected text.
@Suite struct TableRenderingTests {
    static func finishedRun(_ db: ResultsDatabase, method: String, variant: String, dataset: String = "celeba-hq",
                            seed: Int, _ metrics: [MetricValue]) throws -> Int64 {
        let id = try db.startRun(RunDescription(method: method, variant: variant, dataset: dataset, profile: "paper",
                                                seed: seed, configJSON: #"{"seed": \#(seed)}"#, codeVersion: "test"))
        try db.finishRun(id, finalMetrics: metrics)
        return id
    }

    static func table2Metrics(fid: Double, msssim: Double, error: Double) -> [MetricValue] {
        [MetricValue(name: MetricName.fid, value: fid, sampleCount: 300, protocolName: "clean-fid"),
         MetricValue(name: MetricName.msSSIM, value: msssim, sampleCount: 2400, protocolName: "ms-ssim/255"),
         MetricValue(name: MetricName.classificationError, value: error, sampleCount: 2400, protocolName: "attr-cls-v1")]
    }

    /// BiL-GAN over three seeds, StarGAN over one, a method not in the paper, and runs that must not count
    /// (failed, still running).
    static func seededTable2Database(_ dir: TemporaryDirectory) throws -> ResultsDatabase {
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        for (seed, (fid, ms, err)) in [(14.0, 0.85, 0.05), (15.0, 0.86, 0.06), (16.0, 0.87, 0.07)].enumerated() {
            _ = try finishedRun(db, method: MethodKey.bilgan, variant: VariantKey.full, seed: seed,
                                table2Metrics(fid: fid, msssim: ms, error: err))
        }
        _ = try finishedRun(db, method: MethodKey.stargan, variant: VariantKey.default, seed: 0,
                            table2Metrics(fid: 20.5, msssim: 0.8512, error: 0.0937))
        _ = try finishedRun(db, method: "pix2pix", variant: VariantKey.default, seed: 0,
                            table2Metrics(fid: 30, msssim: 0.7, error: 0.25))
        let failed = try db.startRun(RunDescription(method: MethodKey.icgan, variant: VariantKey.default, dataset: "celeba-hq",
                                                    profile: "paper", seed: 0, configJSON: "{}", codeVersion: "test"))
        try db.recordMetrics(run: failed, table2Metrics(fid: 99, msssim: 0.1, error: 0.9))
        try db.failRun(failed, message: "diverged")
        let running = try db.startRun(RunDescription(method: MethodKey.cyclegan, variant: VariantKey.default, dataset: "celeba-hq",
                                                     profile: "paper", seed: 0, configJSON: "{}", codeVersion: "test"))
        try db.recordMetrics(run: running, table2Metrics(fid: 88, msssim: 0.2, error: 0.8))
        return db
    }

    @Test func table2FromSeededDatabase() throws {
        let dir = try TemporaryDirectory()
        let table = try TableBuilder.build(PublishedTables.table2, from: try Self.seededTable2Database(dir))
        let expectedMarkdown = """
            ### Table 2: FID, MS-SSIM and attribute-classification error (CelebA-HQ)

            | Method | FID (ours) | FID (paper) | MS-SSIM (ours) | MS-SSIM (paper) | CLAS error (ours) | CLAS error (paper) |
            |:--|--:|--:|--:|--:|--:|--:|
            | IcGAN | – | 24.16 | – | 0.8072 | – | 22.17% |
            | CycleGAN | – | 25.86 | – | 0.8384 | – | 14.86% |
            | StarGAN | 20.50 (n=1) | 19.75 | 0.8512 (n=1) | 0.8509 | 9.37% (n=1) | 9.37% |
            | BiL-GAN | 15.00 ± 1.00 (n=3) | 14.93 | 0.8600 ± 0.0100 (n=3) | 0.8563 | 6.00 ± 1.00% (n=3) | 5.49% |
            | single phase learning | – | 21.38 | – | 0.8372 | – | 11.70% |
            | progressively learning | – | 17.94 | – | 0.8511 | – | 8.39% |
            | ordinary regularization | – | 16.36 | – | 0.8605 | – | 6.93% |
            | w/o mutual Info loss | – | 19.15 | – | 0.8541 | – | 10.48% |
            | w/ MINE loss | – | 17.92 | – | 0.8539 | – | 7.34% |
            | w/ cycle loss | – | 18.56 | – | 0.8420 | – | 9.28% |
            | pix2pix (default) | 30.00 (n=1) | – | 0.7000 (n=1) | – | 25.00% (n=1) | – |

            - ours: mean ± sample sd over seeds (n = seeds, latest finished run per seed)
            - dataset: celeba-hq, profile: paper
            - protocols: clas_error = attr-cls-v1; fid = clean-fid; ms_ssim = ms-ssim/255

            """
        #expect(MarkdownRenderer().render(table) == expectedMarkdown)

        let csv = CSVRenderer().render(table).split(separator: "\n").map(String.init)
        #expect(csv.count == 12)
        #expect(csv[0] == "section,row,method,variant,fid_mean,fid_sd,fid_n,fid_paper,ms_ssim_mean,ms_ssim_sd,ms_ssim_n,ms_ssim_paper,"
                + "clas_error_percent_mean,clas_error_percent_sd,clas_error_percent_n,clas_error_percent_paper")
        #expect(csv[1] == "comparison,IcGAN,icgan,default,,,,24.16,,,,0.8072,,,,22.17")
        #expect(csv[4] == "comparison,BiL-GAN,bilgan,full,15.00,1.00,3,14.93,0.8600,0.0100,3,0.8563,6.00,1.00,3,5.49")
        #expect(csv[8] == "ablation,w/o mutual Info loss,bilgan,no-mutual-info,,,,19.15,,,,0.8541,,,,10.48")
        #expect(csv[11] == "not in the paper,pix2pix (default),pix2pix,default,30.00,,1,,0.7000,,1,,25.00,,1,")

        let latex = LaTeXRenderer().render(table).split(separator: "\n").map(String.init)
        #expect(latex.contains("\\begin{tabular}{lrrrrrr}"))
        #expect(latex.contains("Method & \\multicolumn{2}{c}{FID} & \\multicolumn{2}{c}{MS-SSIM} & \\multicolumn{2}{c}{CLAS error} \\\\"))
        #expect(latex.contains("BiL-GAN & $15.00 \\pm 1.00$ {\\scriptsize (3)} & 14.93 & $0.8600 \\pm 0.0100$ {\\scriptsize (3)} & 0.8563 & $6.00 \\pm 1.00$\\% {\\scriptsize (3)} & 5.49\\% \\\\"))
        #expect(latex.contains("IcGAN & -- & 24.16 & -- & 0.8072 & -- & 22.17\\% \\\\"))
        // Sections are separated by rules: comparison | ablation | not in the paper.
        #expect(latex.filter { $0 == "\\midrule" }.count == 3)
        #expect(latex.last == "\\end{tabular}")
    }

    @Test func table3PoolsBreakdownsOverSeeds() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        for (seed, rates) in [[0.99, 0.98, 0.97, 0.96, 0.95, 0.90], [0.97, 0.96, 0.95, 0.94, 0.93, 0.88]].enumerated() {
            let breakdown = Dictionary(uniqueKeysWithValues: zip(PoseBreakdownKey.reportedYaws, rates).map {
                (PoseBreakdownKey.key(yaw: $0.0), BreakdownEntry(value: $0.1, sampleCount: 2 * 20 * 137))
            })
            _ = try Self.finishedRun(db, method: MethodKey.bilgan, variant: VariantKey.full, dataset: "multipie", seed: seed, [
                MetricValue(name: MetricName.rankOne, value: 0.95, sampleCount: 12 * 20 * 137, protocolName: "lightcnn-29v2",
                            breakdown: breakdown)])
        }
        let table = try TableBuilder.build(PublishedTables.table3, from: db)
        let markdown = MarkdownRenderer().render(table).split(separator: "\n").map(String.init)
        #expect(markdown.contains("| BiL-GAN | 98.00 ± 1.41 (n=2) | 99.96 | 97.00 ± 1.41 (n=2) | 99.94 | 96.00 ± 1.41 (n=2) | 99.93 "
            + "| 95.00 ± 1.41 (n=2) | 99.90 | 94.00 ± 1.41 (n=2) | 96.92 | 89.00 ± 1.41 (n=2) | 93.11 |"))
        #expect(markdown.contains("| DR-GAN | – | 94.9 | – | 91.1 | – | 87.2 | – | 84.6 | – | – | – | – |"))
        #expect(markdown.contains("| Light CNN | – | 98.6 | – | 97.4 | – | 92.1 | – | 62.1 | – | 24.2 | – | 5.5 |"))
        #expect(markdown.contains("- dataset: multipie, profile: paper"))
    }

    /// Per rater: r1 prefers BiL-GAN on 2 of 2 aging items vs StarGAN, r2 on 1 of 2 → 75.0 ± 35.4 (n=2).
    /// The two-group item (aging + hair colour) counts in both columns. With two raters the bootstrap means
    /// are r1, r2 or their average (probabilities 1/4, 1/4, 1/2), so the 2.5th/97.5th percentiles of 2000
    /// resamples are the two raters' shares: [50.0, 100.0].
    @Test func table1AveragesPreferencesOverRaters() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        let agingOnly = try db.recordStudyItem(StudyItemRecord(study: "pilot", inputID: "1", attributeGroups: [AttributeGroup.aging],
                                                               methodA: MethodKey.bilgan, methodB: MethodKey.stargan, imageA: "a", imageB: "b"))
        let agingAndHair = try db.recordStudyItem(StudyItemRecord(study: "pilot", inputID: "2",
                                                                  attributeGroups: [AttributeGroup.hairColor, AttributeGroup.aging],
                                                                  methodA: MethodKey.stargan, methodB: MethodKey.bilgan, imageA: "c", imageB: "d"))
        let makeupVsIcGAN = try db.recordStudyItem(StudyItemRecord(study: "pilot", inputID: "3", attributeGroups: [AttributeGroup.makeup],
                                                                   methodA: MethodKey.icgan, methodB: MethodKey.bilgan, imageA: "e", imageB: "f"))
        try db.recordVote(StudyVoteRecord(itemId: agingOnly, rater: "r1", preferred: .a))     // BiL-GAN
        try db.recordVote(StudyVoteRecord(itemId: agingAndHair, rater: "r1", preferred: .b))  // BiL-GAN
        try db.recordVote(StudyVoteRecord(itemId: agingOnly, rater: "r2", preferred: .b))     // StarGAN
        try db.recordVote(StudyVoteRecord(itemId: agingAndHair, rater: "r2", preferred: .b))  // BiL-GAN
        try db.recordVote(StudyVoteRecord(itemId: makeupVsIcGAN, rater: "r1", preferred: .b)) // BiL-GAN
        let table = try TableBuilder.build(PublishedTables.table1, from: db)
        let markdown = MarkdownRenderer().render(table).split(separator: "\n").map(String.init)
        #expect(markdown.contains("| BiL-GAN > IcGAN | – | 90.7% | 100.0% (n=1) | 89.6% | – | 94.3% |"))
        #expect(markdown.contains("| BiL-GAN > StarGAN | 75.0 ± 35.4% [50.0, 100.0] (n=2) | 73.7% | – | 71.9% | 100.0 ± 0.0% [100.0, 100.0] (n=2) | 72.4% |"))
        #expect(markdown.contains("- study: pilot, 2 raters, 5 votes"))
    }

    /// A re-run of a seed replaces the earlier run; the newest finished run per seed counts.
    @Test func latestFinishedRunPerSeedCounts() throws {
        let dir = try TemporaryDirectory()
        let db = try Self.seededTable2Database(dir)
        _ = try Self.finishedRun(db, method: MethodKey.bilgan, variant: VariantKey.full, seed: 0,
                                 Self.table2Metrics(fid: 17, msssim: 0.85, error: 0.05))
        let table = try TableBuilder.build(PublishedTables.table2, from: db)
        let bilgan = try #require(table.rows.first { $0.label == "BiL-GAN" })
        #expect(bilgan.cells[0].ours == SampleSummary([17, 15, 16]))
    }

    /// Mixing datasets or protocols is refused with a message that names the option to choose.
    @Test func ambiguousTablesAreRefused() throws {
        let dir = try TemporaryDirectory()
        let db = try Self.seededTable2Database(dir)
        _ = try Self.finishedRun(db, method: MethodKey.stargan, variant: VariantKey.default, dataset: "synthfaces", seed: 0,
                                 Self.table2Metrics(fid: 40, msssim: 0.8, error: 0.1))
        do {
            _ = try TableBuilder.build(PublishedTables.table2, from: db)
            Issue.record("mixing datasets must be refused")
        } catch let error as StoreError {
            #expect(error.description.contains("celeba-hq, synthfaces") && error.description.contains("--dataset"))
        }
        let synth = try TableBuilder.build(PublishedTables.table2, from: db, filter: RunFilter(dataset: "synthfaces"))
        #expect(synth.rows.first { $0.label == "StarGAN" }?.cells[0].ours == SampleSummary([40]))

        _ = try Self.finishedRun(db, method: MethodKey.stargan, variant: VariantKey.default, seed: 1, [
            MetricValue(name: MetricName.fid, value: 21, sampleCount: 300, protocolName: "pytorch-fid")])
        #expect(throws: StoreError.self) { try TableBuilder.build(PublishedTables.table2, from: db, filter: RunFilter(dataset: "celeba-hq")) }
        let chosen = try TableBuilder.build(PublishedTables.table2, from: db,
                                            filter: RunFilter(dataset: "celeba-hq", protocols: [MetricName.fid: "pytorch-fid"]))
        #expect(chosen.rows.first { $0.label == "StarGAN" }?.cells[0].ours == SampleSummary([21]))
    }

    /// Without a database file the report shows the published numbers and creates nothing.
    @Test func missingDatabaseShowsPublishedNumbersOnly() throws {
        let dir = try TemporaryDirectory()
        let output = try TableReport.run(identifiers: ["table1", "table2", "table3"], databasePath: dir.path("none.sqlite"),
                                         outputDirectory: dir.path("tables"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.sqlite")))
        #expect(output.notice?.contains("none.sqlite") == true)
        #expect(output.markdown.contains("| BiL-GAN | – | 14.93 | – | 0.8563 | – | 5.49% |"))
        #expect(output.files.count == 12 && output.files.last?.hasSuffix("table3-orderings.md") == true)
        // Nothing measured: every ordering says so and none counts.
        let orderings = try String(contentsOfFile: dir.path("tables/table2-orderings.md"), encoding: .utf8)
        #expect(orderings.contains("0 of 0 measured orderings reproduce") && orderings.contains("| BiL-GAN vs StarGAN | FID | 14.93 vs 19.75 | – | not measured |"))
        let csv = try String(contentsOfFile: dir.path("tables/table3.csv"), encoding: .utf8)
        #expect(csv.contains("published,DR-GAN,,,,,,94.9,,,,91.1,,,,87.2,,,,84.6,,,,,,,,\n"))
        #expect(throws: StoreError.self) { try TableReport.run(identifiers: ["table9"], databasePath: dir.path("x"), outputDirectory: nil) }
    }
}
