/// The paper's three tables with their published numbers, transcribed from arXiv 1904.06624
/// (Tables 1–3; `bilgan-method.md` "Published numbers"). Committed as data so the report never reads
/// outside the repository. Numbers are kept as printed.
public enum PublishedTables {
    public static let all: [TableSpecification] = [table1, table2, table3]

    public static func specification(_ identifier: String) throws -> TableSpecification {
        guard let table = all.first(where: { $0.identifier == identifier }) else {
            throw StoreError.invalidInput("unknown table \"\(identifier)\" (expected one of \(all.map(\.identifier).joined(separator: ", ")))")
        }
        return table
    }

    /// Table 1: share of user-study comparisons in which raters preferred BiL-GAN, per attribute group.
    public static let table1 = TableSpecification(
        identifier: "table1",
        title: "Table 1: user study, % of comparisons preferring BiL-GAN (CelebA-HQ)",
        columns: [
            .init(header: "Aging", csvName: "aging", source: .preference(attributeGroup: AttributeGroup.aging), scale: 100, decimals: 1, unit: "%"),
            .init(header: "Makeup", csvName: "makeup", source: .preference(attributeGroup: AttributeGroup.makeup), scale: 100, decimals: 1, unit: "%"),
            .init(header: "Hair color", csvName: "hair_color", source: .preference(attributeGroup: AttributeGroup.hairColor), scale: 100, decimals: 1, unit: "%"),
        ],
        rows: [
            .init(label: "BiL-GAN > IcGAN", section: "comparison", method: MethodKey.icgan, variant: nil, published: ["90.7", "89.6", "94.3"]),
            .init(label: "BiL-GAN > CycleGAN", section: "comparison", method: MethodKey.cyclegan, variant: nil, published: ["86.3", "85.5", "89.2"]),
            .init(label: "BiL-GAN > StarGAN", section: "comparison", method: MethodKey.stargan, variant: nil, published: ["73.7", "71.9", "72.4"]),
        ],
        oursDescription: "mean ± sd over raters of each rater's share of votes preferring BiL-GAN (n = raters); "
            + "items that alter two attribute groups count for both")

    /// Table 2: FID, MS-SSIM (input vs output) and attribute-classification error, with the ablations.
    public static let table2 = TableSpecification(
        identifier: "table2",
        title: "Table 2: FID, MS-SSIM and attribute-classification error (CelebA-HQ)",
        columns: [
            .init(header: "FID", csvName: "fid", source: .metric(MetricName.fid), scale: 1, decimals: 2, unit: ""),
            .init(header: "MS-SSIM", csvName: "ms_ssim", source: .metric(MetricName.msSSIM), scale: 1, decimals: 4, unit: ""),
            .init(header: "CLAS error", csvName: "clas_error", source: .metric(MetricName.classificationError), scale: 100, decimals: 2, unit: "%"),
        ],
        rows: [
            .init(label: "IcGAN", section: "comparison", method: MethodKey.icgan, variant: VariantKey.default, published: ["24.16", "0.8072", "22.17"]),
            .init(label: "CycleGAN", section: "comparison", method: MethodKey.cyclegan, variant: VariantKey.default, published: ["25.86", "0.8384", "14.86"]),
            .init(label: "StarGAN", section: "comparison", method: MethodKey.stargan, variant: VariantKey.default, published: ["19.75", "0.8509", "9.37"]),
            .init(label: "BiL-GAN", section: "comparison", method: MethodKey.bilgan, variant: VariantKey.full, published: ["14.93", "0.8563", "5.49"]),
            .init(label: "single phase learning", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.singlePhase, published: ["21.38", "0.8372", "11.70"]),
            .init(label: "progressively learning", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.progressive, published: ["17.94", "0.8511", "8.39"]),
            .init(label: "ordinary regularization", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.ordinaryRegularization, published: ["16.36", "0.8605", "6.93"]),
            .init(label: "w/o mutual Info loss", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.withoutMutualInformation, published: ["19.15", "0.8541", "10.48"]),
            .init(label: "w/ MINE loss", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.mine, published: ["17.92", "0.8539", "7.34"]),
            .init(label: "w/ cycle loss", section: "ablation", method: MethodKey.bilgan, variant: VariantKey.cycle, published: ["18.56", "0.8420", "9.28"]),
        ],
        oursDescription: "mean ± sample sd over seeds (n = seeds, latest finished run per seed)")

    /// Table 3: rank-1 identification (%) of frontalised Multi-PIE probes, Setting 2, per ±yaw.
    public static let table3 = TableSpecification(
        identifier: "table3",
        title: "Table 3: rank-1 identification (%) across views, Multi-PIE Setting 2",
        columns: PoseBreakdownKey.reportedYaws.map { yaw in
            .init(header: "±\(yaw)°", csvName: "yaw\(yaw)", source: .breakdown(metric: MetricName.rankOne, key: PoseBreakdownKey.key(yaw: yaw)),
                  scale: 100, decimals: 2, unit: "")
        },
        rows: [
            .init(label: "DR-GAN", section: "published", method: nil, variant: nil, published: ["94.9", "91.1", "87.2", "84.6", nil, nil]),
            .init(label: "FF-GAN", section: "published", method: nil, variant: nil, published: ["94.6", "92.5", "89.7", "85.2", "77.2", "61.2"]),
            .init(label: "TP-GAN", section: "published", method: nil, variant: nil, published: ["98.7", "98.1", "95.4", "87.7", "77.4", "64.6"]),
            .init(label: "CAPG-GAN", section: "published", method: nil, variant: nil, published: ["99.8", "99.6", "97.3", "90.3", "83.1", "66.1"]),
            .init(label: "PIM", section: "published", method: nil, variant: nil, published: ["99.3", "99.0", "98.5", "98.1", "95.0", "86.5"]),
            .init(label: "3D-PIM", section: "published", method: nil, variant: nil, published: ["99.6", "99.5", "98.8", "98.4", "95.2", "86.7"]),
            .init(label: "HF-PIM", section: "published", method: nil, variant: nil, published: ["99.9", "99.9", "99.9", "99.1", "96.4", "92.3"]),
            .init(label: "Light CNN", section: "measured", method: MethodKey.lightCNN, variant: VariantKey.noFrontalisation, published: ["98.6", "97.4", "92.1", "62.1", "24.2", "5.5"]),
            .init(label: "BiL-GAN", section: "measured", method: MethodKey.bilgan, variant: VariantKey.full, published: ["99.96", "99.94", "99.93", "99.90", "96.92", "93.11"]),
        ],
        oursDescription: "mean ± sample sd over seeds of the pooled ±θ rank-1 rate (n = seeds, latest finished run per seed)")
}
