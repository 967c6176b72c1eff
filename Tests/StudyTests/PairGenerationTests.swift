import Foundation
import ResultsStore
import Study
import Testing

/// Pair generation: blinding, coverage, seeded determinism, balance, double counting.
@Suite struct PairGenerationTests {
    static let methods = [MethodKey.bilgan, MethodKey.stargan, MethodKey.icgan, MethodKey.cyclegan]

    /// No method name in any file name of the study folder, nor in anything a page shows (ids, image
    /// names, target words); the methods are only in `studyItem`, which is never served.
    @Test func nothingARaterSeesNamesAMethod() throws {
        let dir = try TemporaryDirectory()
        let (database, pairs, folder) = try SyntheticTranslations.study(faces: 2, pairsPerRater: 8, in: dir)
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(files.count == 2 + pairs.count * 4)   // two folders; input, left, right, ground truth per pair
        let pages = try database.studyPages("table1")
        #expect(pages.count == pairs.count)
        let shown = files + pages.flatMap { [$0.page.blindID, $0.page.inputImage, $0.page.targetDescription, $0.page.targetLabelsJSON,
                                             $0.item.imageA, $0.item.imageB] }
        for text in shown {
            for method in Self.methods + ["bil", "gan", "star", "cycle"] {
                #expect(!text.lowercased().contains(method), "\(text) names \(method)")
            }
        }
        // The copies are the right images: the left file of a pair is byte-identical to its left method's output.
        for pair in pairs.prefix(4) {
            let page = try #require(pages.first { $0.page.blindID == pair.blindID })
            let copied = try Data(contentsOf: folder.appendingPathComponent("images").appendingPathComponent(page.item.imageA))
            #expect(copied == (try Data(contentsOf: pair.leftImage)))
            #expect(page.item.methodA == pair.leftMethod)
        }
    }

    /// Every (baseline, input, edit) appears once; the same seed gives the same study, another seed another.
    @Test func pairsCoverEveryBaselineOnceAndFollowTheSeed() throws {
        let dir = try TemporaryDirectory()
        let manifests = try SyntheticTranslations.write(faces: 2, methods: [MethodKey.bilgan, MethodKey.stargan, MethodKey.icgan],
                                                        to: dir.url)
        let subject = try LoadedManifest.load(manifests[MethodKey.bilgan]!)
        let opponents = try [MethodKey.icgan, MethodKey.stargan].map { try LoadedManifest.load(manifests[$0]!) }
        let pairs = try BlindedPairs.make(subject: subject, opponents: opponents, seed: 5)
        #expect(pairs.count == 2 * 8 * 2)
        #expect(Set(pairs.map { "\($0.opponent)|\($0.inputID)|\($0.edit.key)" }).count == pairs.count)
        #expect(Set(pairs.map(\.blindID)).count == pairs.count)
        #expect(pairs.allSatisfy { $0.blindID.count == 12 && $0.subject == MethodKey.bilgan })
        let left = pairs.filter(\.subjectOnLeft).count
        #expect(left >= pairs.count / 4 && left <= 3 * pairs.count / 4, "sides are not shuffled: \(left) of \(pairs.count) left")
        #expect(try BlindedPairs.make(subject: subject, opponents: Array(opponents.reversed()), seed: 5) == pairs)
        let other = try BlindedPairs.make(subject: subject, opponents: opponents, seed: 6)
        #expect(other.map(\.blindID) != pairs.map(\.blindID))
        #expect(other.map(\.subjectOnLeft) != pairs.map(\.subjectOnLeft))
    }

    @Test func mismatchedManifestsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let manifests = try SyntheticTranslations.write(faces: 1, methods: [MethodKey.bilgan, MethodKey.stargan], to: dir.url)
        let subject = try LoadedManifest.load(manifests[MethodKey.bilgan]!)
        var fewer = try LoadedManifest.load(manifests[MethodKey.stargan]!).manifest
        fewer.items.removeLast()
        #expect(throws: StudyError.self) {
            try BlindedPairs.make(subject: subject, opponents: [LoadedManifest(fewer, url: manifests[MethodKey.stargan]!)], seed: 0)
        }
        #expect(throws: StudyError.self) { try BlindedPairs.make(subject: subject, opponents: [subject], seed: 0) }
        #expect(throws: StudyError.self) { try BlindedPairs.make(subject: subject, opponents: [], seed: 0) }
    }

    /// 4 faces × 8 edits × 3 baselines; a budget of 24: 8 pairs per baseline exactly, and within each
    /// baseline the attribute groups within 2 of each other (a two-group pair counts for both).
    @Test(arguments: 0..<8)
    func assignmentsAreBalancedOverBaselinesAndGroups(rater: Int) throws {
        let candidates = try Self.candidates(faces: 4, opponents: [MethodKey.stargan, MethodKey.icgan, MethodKey.cyclegan])
        let chosen = BalancedAssignment.choose(from: candidates, budget: 24, seed: 3, rater: rater)
        #expect(chosen.count == 24 && Set(chosen).count == 24)
        let picked = candidates.filter { chosen.contains($0.itemId) }
        for opponent in [MethodKey.stargan, MethodKey.icgan, MethodKey.cyclegan] {
            #expect(picked.filter { $0.opponent == opponent }.count == 8)
            let counts = [AttributeGroup.aging, AttributeGroup.makeup, AttributeGroup.hairColor].map {
                BalancedAssignment.strata(picked)["\(opponent)/\($0)", default: 0]
            }
            #expect(counts.max()! - counts.min()! <= 2, "\(opponent): \(counts)")
        }
        #expect(BalancedAssignment.choose(from: candidates, budget: 24, seed: 3, rater: rater) == chosen)
        #expect(BalancedAssignment.choose(from: candidates, budget: 24, seed: 3, rater: rater + 1) != chosen)
    }

    /// A two-attribute pair is one comparison but counts once in each of its groups.
    @Test func twoAttributeEditsCountForBothGroups() throws {
        let single = BalancedAssignment.Candidate(itemId: 1, opponent: "x", attributeGroups: [AttributeGroup.aging])
        let double = BalancedAssignment.Candidate(itemId: 2, opponent: "x", attributeGroups: [AttributeGroup.aging, AttributeGroup.hairColor])
        #expect(BalancedAssignment.strata([single, double]) == ["x/aging": 2, "x/hair_color": 1])
        let edits = try SyntheticTranslations.edits(young: true, makeup: false)
        #expect(edits.filter { $0.attributeGroups.count == 2 }.count == 3)
        #expect(edits.filter { $0.attributeGroups.contains(AttributeGroup.aging) }.count == 3)
        #expect(edits.filter { $0.attributeGroups.contains(AttributeGroup.hairColor) }.count == 5)
    }

    static func candidates(faces: Int, opponents: [String]) throws -> [BalancedAssignment.Candidate] {
        var out = [BalancedAssignment.Candidate]()
        for opponent in opponents {
            for _ in 0..<faces {
                for edit in try SyntheticTranslations.edits(young: true, makeup: false) {
                    out.append(.init(itemId: Int64(out.count + 1), opponent: opponent, attributeGroups: edit.attributeGroups))
                }
            }
        }
        return out
    }
}
