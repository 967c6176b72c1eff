import ResultsStore

/// The edit a translation makes: target labels (CelebA attribute names) and the Table 1 attribute groups
/// they belong to (`AttributeGroup`), with the target in words for the rater's page. The paper's study
/// (`bilgan-method.md` "Evaluation protocol") uses per face 5 single- and 3 two-attribute edits among
/// aging, makeup and hair colour; a two-attribute edit counts for both groups.
public struct AttributeEdit: Codable, Sendable, Hashable {
    /// Target labels, e.g. `["Blond_Hair": true, "Young": false]`.
    public var targetLabels: [String: Bool]
    /// The target in words, shown to raters ("blond hair, older").
    public var description: String
    /// One or two of `AttributeGroup.aging`, `.makeup`, `.hairColor`.
    public var attributeGroups: [String]

    public init(targetLabels: [String: Bool], description: String, attributeGroups: [String]) {
        self.targetLabels = targetLabels
        self.description = description
        self.attributeGroups = attributeGroups.sorted()
    }

    /// The edit for CelebA labels, with the words and groups derived from `Self.vocabulary`.
    public init(labels: [String: Bool]) throws {
        var words = [String](), groups = Set<String>()
        for (name, on) in labels.sorted(by: { $0.key < $1.key }) {
            guard let entry = Self.vocabulary[name] else {
                throw StudyError.invalidStudy("attribute \(name) is not in the user study (expected one of "
                    + Self.vocabulary.keys.sorted().joined(separator: ", ") + ")")
            }
            guard on || name != "Black_Hair" && name != "Blond_Hair" && name != "Brown_Hair" else {
                throw StudyError.invalidStudy("a hair-colour target names the colour to reach (\(name)=1), not one to remove")
            }
            words.append(on ? entry.on : entry.off)
            groups.insert(entry.group)
        }
        self.init(targetLabels: labels, description: words.joined(separator: ", "), attributeGroups: Array(groups))
    }

    /// A stable key for matching the same edit across methods' manifests.
    public var key: String {
        targetLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ? 1 : 0)" }.joined(separator: ",")
    }

    /// The study's attributes: CelebA name → (group, words when set, words when cleared).
    public static let vocabulary: [String: (group: String, on: String, off: String)] = [
        "Young": (AttributeGroup.aging, "younger", "older"),
        "Heavy_Makeup": (AttributeGroup.makeup, "with makeup", "without makeup"),
        "Black_Hair": (AttributeGroup.hairColor, "black hair", ""),
        "Blond_Hair": (AttributeGroup.hairColor, "blond hair", ""),
        "Brown_Hair": (AttributeGroup.hairColor, "brown hair", ""),
    ]

    static let knownGroups: Set<String> = [AttributeGroup.aging, AttributeGroup.makeup, AttributeGroup.hairColor]
}
