import Foundation
import Imaging
import ResultsStore
import TensorCore

/// How closely simulated raters followed the metric they use, reported beside their Table 1.
public struct SimulationReport: Sendable, Equatable {
    public struct Rater: Sendable, Equatable {
        public let name: String
        public let votes: Int
        /// Share of this rater's votes that pick the output the distance prefers (ties left out).
        public let agreementWithMetric: Double
    }

    public let study: String
    public let distance: ImageDistance
    public let raters: [Rater]
    /// Over all votes: share that agree with the distance's choice.
    public let agreementWithMetric: Double
    /// Mean over rater pairs of the share of shared pairs on which both chose the same side.
    public let meanPairwiseAgreement: Double?
}

/// `study simulate`: ground-truth raters for the embedded benchmark, where the renderer draws the exact
/// translated face. Each rater votes on its balanced budget of pairs; the votes go to the store as
/// simulated raters (`studyRater.kind = simulated`), which Table 1 names as such.
public enum StudySimulation {
    public static func run(study: String, database: ResultsDatabase, raters count: Int, seed: UInt64,
                           distance: ImageDistance, noise: NoiseModel = NoiseModel()) throws -> SimulationReport {
        guard count > 0 else { throw StudyError.invalidStudy("--raters must be positive, got \(count)") }
        guard let plan = try database.studyPlan(study) else {
            throw StudyError.invalidStudy("no study named \(study) in \(database.path): build it first with `study pairs`")
        }
        let existing = try database.studyRaters(study)
        if existing.contains(where: { $0.kind == .simulated }) {
            throw StudyError.invalidStudy("study \(study) already has simulated raters; build a new study to simulate again")
        }
        let pages = try database.studyPages(study)
        let byItem = Dictionary(uniqueKeysWithValues: pages.map { ($0.item.id!, $0) })
        let candidates = try pages.map { try candidate($0, subject: plan.subject) }
        let folder = URL(fileURLWithPath: plan.folder)
        var distances = [Int64: (left: Double, right: Double)]()
        var reports = [SimulationReport.Rater](), choices = [[Int64: Bool]]()
        var agreeing = 0, compared = 0
        for index in 0..<count {
            let rater = GroundTruthRater(index: index, seed: seed, distance: distance, noise: noise)
            let assigned = BalancedAssignment.choose(from: candidates, budget: plan.pairsPerRater, seed: plan.seedValue,
                                                     rater: existing.count + index)
            var random = RandomGenerator(seed: rater.seed)
            var votes = [StudyVoteRecord](), picks = [Int64: Bool]()
            var raterAgreeing = 0, raterCompared = 0
            for itemId in assigned {
                if distances[itemId] == nil { distances[itemId] = try measure(byItem[itemId]!, folder: folder, distance: distance) }
                let (left, right) = distances[itemId]!
                let left_ = rater.prefersLeft(leftDistance: left, rightDistance: right, random: &random)
                votes.append(StudyVoteRecord(itemId: itemId, rater: rater.name, preferred: left_ ? .a : .b))
                picks[itemId] = left_
                if left != right {
                    raterCompared += 1
                    raterAgreeing += (left < right) == left_ ? 1 : 0
                }
            }
            let model = try CanonicalJSON.encode(SimulatedRaterModel(rater: rater, noise: noise, studySeed: seed))
            try database.addStudyRater(StudyRaterRecord(study: study, name: rater.name, kind: .simulated, modelJSON: model),
                                       assignedItems: assigned)
            try database.recordVotes(votes)
            reports.append(.init(name: rater.name, votes: votes.count,
                                 agreementWithMetric: raterCompared > 0 ? Double(raterAgreeing) / Double(raterCompared) : .nan))
            choices.append(picks)
            agreeing += raterAgreeing
            compared += raterCompared
        }
        return SimulationReport(study: study, distance: distance, raters: reports,
                                agreementWithMetric: compared > 0 ? Double(agreeing) / Double(compared) : .nan,
                                meanPairwiseAgreement: pairwiseAgreement(choices))
    }

    /// What the store keeps about a simulated rater (`studyRater.modelJSON`).
    struct SimulatedRaterModel: Codable {
        let rater: GroundTruthRater
        let noise: NoiseModel
        let studySeed: UInt64
    }

    static func candidate(_ entry: StudyPageItem, subject: String) throws -> BalancedAssignment.Candidate {
        let item = entry.item
        let opponent = item.methodA == subject ? item.methodB : item.methodA
        return .init(itemId: item.id!, opponent: opponent, attributeGroups: try item.attributeGroups())
    }

    static func measure(_ entry: StudyPageItem, folder: URL, distance: ImageDistance) throws -> (left: Double, right: Double) {
        guard let truthPath = entry.page.groundTruthImage else {
            throw StudyError.invalidStudy("pair \(entry.page.blindID) has no ground-truth image: simulated raters need the renderer's "
                + "translation (groundTruthImage in the manifests; SynthFaces only)")
        }
        let truth = try read(folder.appendingPathComponent(truthPath))
        let images = folder.appendingPathComponent(StudyFolder.imagesFolder)
        let leftURL = images.appendingPathComponent(entry.item.imageA), rightURL = images.appendingPathComponent(entry.item.imageB)
        return (try distance(try read(leftURL), truth, path: leftURL.path), try distance(try read(rightURL), truth, path: rightURL.path))
    }

    static func read(_ url: URL) throws -> Image {
        do { return try ImageFile.read(url).rgb() } catch { throw StudyError.image(path: url.path, message: "\(error)") }
    }

    static func pairwiseAgreement(_ choices: [[Int64: Bool]]) -> Double? {
        var same = 0, shared = 0
        for i in choices.indices {
            for j in choices.indices where j > i {
                for (item, pick) in choices[i] {
                    guard let other = choices[j][item] else { continue }
                    shared += 1
                    same += pick == other ? 1 : 0
                }
            }
        }
        return shared > 0 ? Double(same) / Double(shared) : nil
    }
}

extension SimulationReport {
    /// The lines `study simulate` prints: these raters are simulated, and how far they follow their metric.
    public var summary: String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", locale: Locale(identifier: "en_US_POSIX"), 100 * x) }
        let shares = raters.map(\.agreementWithMetric).filter { !$0.isNaN }
        var lines = ["study \(study): \(raters.count) SIMULATED ground-truth raters (not people), distance \(distance.rawValue), "
            + "\(raters.map(\.votes).reduce(0, +)) votes"]
        lines.append("agreement with the \(distance.rawValue) choice: \(percent(agreementWithMetric)) of votes"
            + (shares.isEmpty ? "" : " (per rater \(percent(shares.min()!))–\(percent(shares.max()!)))"))
        if let pairwise = meanPairwiseAgreement { lines.append("agreement between simulated raters on shared pairs: \(percent(pairwise))") }
        lines.append("Table 1: report table table1 --study \(study) --raters simulated")
        return lines.joined(separator: "\n")
    }
}
