import Foundation
import ResultsStore
import Study
import Testing

/// Table 1 from a fixed vote set, against a hand computation.
@Suite struct TableOneTests {
    /// Three people vote on BiL-GAN vs StarGAN items. Per rater, aging column (items 1 and 3):
    /// p1 2/2 = 1, p2 1/2 = 0.5, p3 0/2 = 0 → mean 0.5, sd 0.5. Makeup (item 2 only): p1 1, p2 0, p3 1
    /// → mean 2/3, sd 0.57735. Hair colour (item 3, aging + hair): p1 1, p2 1, p3 0 → 2/3.
    @Test func sharesAreAveragedOverRatersWithABootstrapInterval() throws {
        let dir = try TemporaryDirectory()
        let db = try ResultsDatabase(path: dir.path("results.sqlite"))
        try db.recordStudyPlan(StudyPlanRecord(study: "fixed", seed: 1, subject: MethodKey.bilgan, opponents: [MethodKey.stargan],
                                               manifests: [:], folder: dir.url.path, pairsPerRater: 3), items: [])
        var items = [Int64]()
        for (inputID, groups, bilganIsA) in [("1", [AttributeGroup.aging], true), ("2", [AttributeGroup.makeup], false),
                                             ("3", [AttributeGroup.aging, AttributeGroup.hairColor], true)] {
            items.append(try db.recordStudyItem(StudyItemRecord(
                study: "fixed", inputID: inputID, attributeGroups: groups,
                methodA: bilganIsA ? MethodKey.bilgan : MethodKey.stargan, methodB: bilganIsA ? MethodKey.stargan : MethodKey.bilgan,
                imageA: "a", imageB: "b")))
        }
        // BiL-GAN is A on items 1 and 3, B on item 2.
        let ballots: [(String, [StudyVoteRecord.Choice])] = [("p1", [.a, .b, .a]), ("p2", [.b, .a, .a]), ("p3", [.b, .b, .b])]
        for (rater, choices) in ballots {
            try db.addStudyRater(StudyRaterRecord(study: "fixed", name: rater, kind: .person, tokenHash: rater), assignedItems: items)
            for (item, choice) in zip(items, choices) { try db.recordVote(StudyVoteRecord(itemId: item, rater: rater, preferred: choice)) }
        }
        let table = try TableBuilder.build(PublishedTables.table1, from: db, study: "fixed")
        let row = try #require(table.rows.first { $0.method == MethodKey.stargan })
        let aging = try #require(row.cells[0].ours), makeup = try #require(row.cells[1].ours), hair = try #require(row.cells[2].ours)
        #expect(aging.count == 3 && abs(aging.mean - 0.5) < 1e-12 && abs(aging.standardDeviation! - 0.5) < 1e-12)
        #expect(makeup.count == 3 && abs(makeup.mean - 2.0 / 3) < 1e-12 && abs(makeup.standardDeviation! - 0.5773502691896258) < 1e-12)
        #expect(hair.count == 3 && abs(hair.mean - 2.0 / 3) < 1e-12)
        // Bootstrap over three raters with shares {1, 0.5, 0}: resampled means lie on the grid k/6, between
        // 0 and 1; all-zero and all-one resamples each have probability 1/27 ≈ 3.7% > 2.5%, so the 95%
        // percentile interval is [0, 1]. Makeup shares {1, 0, 1}: all zeros has probability 1/27 → [0, 1].
        #expect(row.cells[0].interval95 == 0...1)
        #expect(row.cells[1].interval95 == 0...1)
        #expect(table.rows.first { $0.method == MethodKey.icgan }!.cells.allSatisfy { $0.ours == nil && $0.interval95 == nil })
        let markdown = MarkdownRenderer().render(table)
        #expect(markdown.contains("| BiL-GAN > StarGAN | 50.0 ± 50.0% [0.0, 100.0] (n=3) | 73.7% | 66.7 ± 57.7% [0.0, 100.0] (n=3) | 71.9% |"),
                "\(markdown)")
        #expect(markdown.contains("- study: fixed, 3 raters, 9 votes"))
        let csv = CSVRenderer().render(table).split(separator: "\n")
        #expect(csv[0].contains("aging_percent_ci95_low,aging_percent_ci95_high"))
        #expect(csv.contains { $0.hasPrefix("comparison,BiL-GAN > StarGAN,stargan,,50.0,50.0,3,73.7,0.0,100.0,") })

        // A simulated rater in the same study is never pooled with people.
        try db.addStudyRater(StudyRaterRecord(study: "fixed", name: "simulated-01", kind: .simulated), assignedItems: [items[0]])
        try db.recordVote(StudyVoteRecord(itemId: items[0], rater: "simulated-01", preferred: .a))
        #expect(throws: StoreError.self) { try TableBuilder.build(PublishedTables.table1, from: db, study: "fixed") }
        let people = try TableBuilder.build(PublishedTables.table1, from: db, study: "fixed", raters: .person)
        #expect(people.rows.first { $0.method == MethodKey.stargan }!.cells[0].ours == aging)
        let simulated = MarkdownRenderer().render(try TableBuilder.build(PublishedTables.table1, from: db, study: "fixed", raters: .simulated))
        #expect(simulated.contains("1 SIMULATED raters"))
    }

    /// With two raters the percentile interval is exactly their two shares (see TableRenderingTests).
    @Test func bootstrapOfTwoRatersSpansThem() {
        #expect(RaterBootstrap.interval95(shares: [0.25, 0.75], seed: 1) == 0.25...0.75)
        #expect(RaterBootstrap.interval95(shares: [0.4], seed: 1) == nil)
        #expect(RaterBootstrap.interval95(shares: [0.2, 0.4, 0.9], seed: 1) == RaterBootstrap.interval95(shares: [0.2, 0.4, 0.9], seed: 1))
    }
}
