import Datasets

/// One CycleGAN model's two domains, each a set of attribute values an image's labels must have
/// (`baselines.md` §2.8: one model per domain pair). G_A maps A → B, G_B maps B → A.
public struct DomainPair: Sendable, Equatable {
    public let name: String
    public let a: [String: Float]
    public let b: [String: Float]

    public init(name: String, a: [String: Float], b: [String: Float]) {
        self.name = name; self.a = a; self.b = b
    }

    /// The models for the paper's seven CelebA-HQ domains (Tables 1–2): hair black↔blond,
    /// black↔brown, blond↔brown (the other hair bits 0), makeup without↔with, age young↔old.
    public static let bilganCelebAHQ: [DomainPair] = {
        let hair = ["Black_Hair", "Blond_Hair", "Brown_Hair"]
        func only(_ colour: String) -> [String: Float] {
            Dictionary(uniqueKeysWithValues: hair.map { ($0, $0 == colour ? 1 : 0) })
        }
        return [
            DomainPair(name: "black-blond", a: only("Black_Hair"), b: only("Blond_Hair")),
            DomainPair(name: "black-brown", a: only("Black_Hair"), b: only("Brown_Hair")),
            DomainPair(name: "blond-brown", a: only("Blond_Hair"), b: only("Brown_Hair")),
            DomainPair(name: "makeup", a: ["Heavy_Makeup": 0], b: ["Heavy_Makeup": 1]),
            DomainPair(name: "age", a: ["Young": 1], b: ["Young": 0]),
        ]
    }()

    /// Which side of the pair a label row is on, if either.
    public func side(of labels: [Float], domains: DomainSelection) -> Side? {
        func matches(_ condition: [String: Float]) -> Bool {
            condition.allSatisfy { attribute, value in
                domains.attributes.firstIndex(of: attribute).map { labels[$0] == value } ?? false
            }
        }
        return matches(a) ? .a : matches(b) ? .b : nil
    }

    public enum Side: Sendable { case a, b }

    /// The attributes this pair edits.
    public var attributes: Set<String> { Set(a.keys).union(b.keys) }
}

/// How a multi-domain edit becomes a chain of pairwise translations: for each pair in order, if the
/// source row is on one side and the target row on the other (judged on that pair's attributes
/// only), that pair's generator in that direction is applied. A hair edit therefore uses exactly one
/// hair model; makeup and age are applied after it when they change too (two-attribute edits chain).
public enum PairChain {
    public static func steps(source: [Float], target: [Float], pairs: [DomainPair],
                             domains: DomainSelection) -> [(pair: Int, from: DomainPair.Side)] {
        pairs.enumerated().compactMap { k, pair in
            guard let from = pair.side(of: source, domains: domains), let to = pair.side(of: target, domains: domains),
                  from != to else { return nil }
            return (k, from)
        }
    }
}
