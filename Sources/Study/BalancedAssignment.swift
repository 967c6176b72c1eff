import TensorCore

/// Chooses the pairs one rater sees: a budget of comparisons balanced over baselines and attribute groups
/// (issue 12), drawn from the whole study so that raters together cover it. Greedy: the next pair goes
/// to the baseline with the fewest pairs so far, and within it to the attribute group with the fewest;
/// a pair that changes two groups counts for both (`bilgan-method.md`, Table 1). Ties and the choice
/// among equal pairs follow a shuffle seeded by (study seed, rater index); the chosen pages are shown in
/// a second shuffled order.
public enum BalancedAssignment {
    public struct Candidate: Sendable, Equatable {
        public let itemId: Int64
        public let opponent: String
        public let attributeGroups: [String]

        public init(itemId: Int64, opponent: String, attributeGroups: [String]) {
            self.itemId = itemId
            self.opponent = opponent
            self.attributeGroups = attributeGroups
        }
    }

    /// Item ids in page order; all candidates when the budget exceeds them.
    public static func choose(from candidates: [Candidate], budget: Int, seed: UInt64, rater: Int) -> [Int64] {
        var random = RandomGenerator(seed: seed, stream: 1_000 + UInt64(rater))
        var remaining = candidates.sorted { $0.itemId < $1.itemId }
        random.shuffle(&remaining)
        var opponents = Array(Set(candidates.map(\.opponent))).sorted()
        random.shuffle(&opponents)
        var pairsPerOpponent = [String: Int]()
        var perStratum = [String: Int]()
        var chosen = [Int64]()
        while chosen.count < budget, !remaining.isEmpty {
            let available = opponents.filter { o in remaining.contains { $0.opponent == o } }
            let opponent = available.min { pairsPerOpponent[$0, default: 0] < pairsPerOpponent[$1, default: 0] }!
            let groups = Set(remaining.filter { $0.opponent == opponent }.flatMap(\.attributeGroups)).sorted()
            let group = groups.min { perStratum[opponent + "/" + $0, default: 0] < perStratum[opponent + "/" + $1, default: 0] }!
            let index = remaining.firstIndex { $0.opponent == opponent && $0.attributeGroups.contains(group) }!
            let pick = remaining.remove(at: index)
            chosen.append(pick.itemId)
            pairsPerOpponent[opponent, default: 0] += 1
            for g in pick.attributeGroups { perStratum[opponent + "/" + g, default: 0] += 1 }
        }
        random.shuffle(&chosen)
        return chosen
    }

    /// Comparisons per (baseline, attribute group), a two-group pair counting in both groups.
    public static func strata(_ chosen: [Candidate]) -> [String: Int] {
        var counts = [String: Int]()
        for c in chosen { for g in c.attributeGroups { counts[c.opponent + "/" + g, default: 0] += 1 } }
        return counts
    }
}
