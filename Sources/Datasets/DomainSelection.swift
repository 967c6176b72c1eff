/// Which attributes make up the domain label vector, with mutually exclusive groups (hair colour)
/// noted so that target labels can be built as one-hot inside a group (`baselines.md` §8.8).
public struct DomainSelection: Codable, Sendable, Equatable {
    public let attributes: [String]
    public let exclusiveGroups: [[String]]

    public init(attributes: [String], exclusiveGroups: [[String]] = []) {
        self.attributes = attributes
        self.exclusiveGroups = exclusiveGroups
    }

    /// The paper's seven CelebA-HQ domains (§4.1): hair black / blond / brown (one-hot group),
    /// makeup with / without (`Heavy_Makeup`), age young / old (`Young`).
    public static let bilganCelebAHQ = DomainSelection(
        attributes: ["Black_Hair", "Blond_Hair", "Brown_Hair", "Heavy_Makeup", "Young"],
        exclusiveGroups: [["Black_Hair", "Blond_Hair", "Brown_Hair"]])

    /// StarGAN's CelebA selection, in its order (`baselines.md` §8.6).
    public static let starGANCelebA = DomainSelection(
        attributes: ["Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young"],
        exclusiveGroups: [["Black_Hair", "Blond_Hair", "Brown_Hair"]])

    /// The seven domain names of the paper, each as (attribute, value it takes).
    public static let bilganSevenDomains: [(name: String, attribute: String, value: Float)] = [
        ("black hair", "Black_Hair", 1), ("blond hair", "Blond_Hair", 1), ("brown hair", "Brown_Hair", 1),
        ("with makeup", "Heavy_Makeup", 1), ("without makeup", "Heavy_Makeup", 0),
        ("young", "Young", 1), ("old", "Young", 0),
    ]

    /// One-hot over the 8 RaFD expressions.
    public static let rafdExpressions = DomainSelection(
        attributes: RaFDExpression.allCases.map(\.rawValue),
        exclusiveGroups: [RaFDExpression.allCases.map(\.rawValue)])

    /// One-hot over the 13 Multi-PIE yaw poses, +90° first (camera order of `MultiPIECamera.all`).
    public static let multiPIEPoses = DomainSelection(
        attributes: MultiPIECamera.all.map(\.name),
        exclusiveGroups: [MultiPIECamera.all.map(\.name)])

    /// A copy of `labels` with `attribute` set to `value`; setting a group member to 1 clears the
    /// rest of its group (the StarGAN / BiL-GAN target-label convention).
    public func target(from labels: [Float], setting attribute: String, to value: Float) -> [Float] {
        guard let column = attributes.firstIndex(of: attribute) else { return labels }
        var out = labels
        if value > 0, let group = exclusiveGroups.first(where: { $0.contains(attribute) }) {
            for member in group { if let k = attributes.firstIndex(of: member) { out[k] = 0 } }
        }
        out[column] = value
        return out
    }

    /// The one-hot vector with `name` set.
    func oneHot(_ name: String) -> [Float] {
        attributes.map { $0 == name ? 1 : 0 }
    }
}
