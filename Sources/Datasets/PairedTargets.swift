/// Which domains a paired task translates to (`bilgan-method.md` §4.3): RaFD's animation to any
/// expression, Multi-PIE's frontalisation to the frontal camera only. Plain data, so a run can log it.
public struct PairedTargetPolicy: Codable, Sendable, Equatable {
    /// Label columns a target may be; nil allows every domain of the sample's one-hot group.
    public var targetDomains: [Int]?

    public init(targetDomains: [Int]? = nil) { self.targetDomains = targetDomains }

    /// Multi-PIE frontalisation: every pose is translated to camera 05_1 (yaw 0).
    public static let frontalisation = PairedTargetPolicy(
        targetDomains: [DomainSelection.multiPIEPoses.attributes.firstIndex(of: "05_1")!])
}

/// For each sample, the samples that are its paired ground truth in each allowed domain: the same
/// `pairKey` (same subject, same photo set-up) with a one-hot label in that domain. A sample is its
/// own partner in its own domain, so an identity edit is paired with the input itself.
public struct PairedTargets: Sendable {
    /// `partners[i]`: sample indices of sample i's partners, in label-column order.
    public let partners: [[Int]]

    /// Errors name the first sample that has no partner at all (a paired task needs one for every
    /// training image, or the loader would silently train it without the pixel term).
    public init(samples: [LabelledImage], policy: PairedTargetPolicy) throws {
        let allowed = policy.targetDomains.map(Set.init)
        var byKey: [String: [(column: Int, index: Int)]] = [:]
        for (index, sample) in samples.enumerated() {
            guard !sample.pairKey.isEmpty else {
                throw DatasetError(file: sample.image.path, reason: "no pair key: paired targets need RaFD or Multi-PIE file names")
            }
            guard let column = sample.labels.firstIndex(of: 1), sample.labels.filter({ $0 != 0 }).count == 1 else {
                throw DatasetError(file: sample.image.path, reason: "paired targets need one-hot labels, got \(sample.labels)")
            }
            if allowed?.contains(column) ?? true { byKey[sample.pairKey, default: []].append((column, index)) }
        }
        partners = try samples.map { sample in
            let group = (byKey[sample.pairKey] ?? []).sorted { ($0.column, $0.index) < ($1.column, $1.index) }
            guard !group.isEmpty else {
                throw DatasetError(file: sample.image.path, reason: "no paired ground truth in the target domains "
                    + "\(policy.targetDomains.map { "\($0)" } ?? "any") for pair key \(sample.pairKey)")
            }
            var seen = Set<Int>()
            return group.filter { seen.insert($0.column).inserted }.map(\.index)
        }
    }
}
