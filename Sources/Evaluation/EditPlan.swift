import Datasets

/// The paper's CelebA-HQ evaluation edits (`bilgan-method.md`, "Evaluation protocol"): per test face
/// 5 single-attribute edits and 3 two-attribute edits among hair colour, makeup and age.
///
/// - Single: each of the five domain attributes as StarGAN's `create_labels` edits it — black, blond,
///   brown hair (set, the rest of the group cleared), makeup flipped, age flipped.
/// - Pairs: (new hair colour, makeup flipped), (new hair colour, age flipped), (makeup flipped, age
///   flipped), where the new colour is the next one after the face's own in black → blond → brown
///   order (black when the face has none). No random draw: the plan is a function of the labels.
public enum EditPlan {
    public struct Edit: Sendable, Equatable {
        /// The attributes the edit sets, with their target values (CelebA names).
        public let changes: [String: Bool]
        /// The full target label vector (domain order).
        public let targetLabels: [Float]
    }

    public static let hairColours = ["Black_Hair", "Blond_Hair", "Brown_Hair"]
    public static let editsPerFace = 8

    /// The 8 edits of a face with `labels` over `domains` (must be `DomainSelection.bilganCelebAHQ`'s attributes).
    public static func edits(labels: [Float], domains: DomainSelection) -> [Edit] {
        precondition(domains.attributes == DomainSelection.bilganCelebAHQ.attributes,
                     "EditPlan is defined for the paper's CelebA-HQ domains, not \(domains.attributes)")
        func value(_ name: String) -> Bool { labels[domains.attributes.firstIndex(of: name)!] > 0.5 }
        let makeup = ["Heavy_Makeup": !value("Heavy_Makeup")]
        let age = ["Young": !value("Young")]
        let own = hairColours.firstIndex(where: value)
        let nextHair = [hairColours[own.map { ($0 + 1) % 3 } ?? 0]: true]
        let changes: [[String: Bool]] = hairColours.map { [$0: true] } + [makeup, age]
            + [nextHair.merging(makeup) { a, _ in a }, nextHair.merging(age) { a, _ in a }, makeup.merging(age) { a, _ in a }]
        return changes.map { change in
            var target = labels
            for (name, on) in change.sorted(by: { $0.key < $1.key }) {
                target = domains.target(from: target, setting: name, to: on ? 1 : 0)
            }
            return Edit(changes: change, targetLabels: target)
        }
    }
}
