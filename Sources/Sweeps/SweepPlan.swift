import Experiments
import Foundation

/// Which runs a sweep holds: methods × variants × seeds, in that order (a method's seeds together,
/// so a failed method shows as a block in the logs). `--methods all` is the three baselines and
/// BiL-GAN's seven variants; `bilgan` alone is its seven variants too; `bilgan:full` one of them.
public enum SweepPlan {
    /// The methods `all` stands for, in Table 2's order.
    public static let allMethods: [MethodName] = [.stargan, .cyclegan, .icgan, .bilgan]

    /// (method, variant) pairs from `--methods` ("all", or a comma list of `method` / `method:variant`).
    public static func runs(methods text: String) throws -> [(method: MethodName, variant: String)] {
        let names = text.trimmingCharacters(in: .whitespaces) == "all" ? allMethods.map(\.rawValue)
            : text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var pairs: [(MethodName, String)] = []
        for name in names {
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            let known = allMethods.map(\.rawValue).joined(separator: ", ")
            guard let first = parts.first, let method = MethodName(rawValue: first), allMethods.contains(method) else {
                throw SweepError("--methods: unknown method \"\(name)\"; expected all or a comma list of \(known) (bilgan:VARIANT for one variant)")
            }
            let variants = parts.count == 2 ? [parts[1]] : method.variants
            for variant in variants {
                guard method.variants.contains(variant) else {
                    throw SweepError("--methods: \(method.rawValue) has no variant \"\(variant)\" (it has \(method.variants.joined(separator: ", ")))")
                }
                if !pairs.contains(where: { $0.0 == method && $0.1 == variant }) { pairs.append((method, variant)) }
            }
        }
        return pairs.map { (method: $0.0, variant: $0.1) }
    }

    /// The tasks of a sweep, shards under `<results>/shards/`.
    public static func tasks(methods: String, seeds: [UInt64], dataset: String, profile: String, results: URL) throws -> [SweepTask] {
        try runs(methods: methods).flatMap { run in
            seeds.map { seed in
                let key = "\(run.method.rawValue)-\(run.variant)-\(dataset)-\(profile)-seed\(seed)"
                return SweepTask(method: run.method.rawValue, variant: run.variant, seed: seed, key: key,
                                 shard: results.appendingPathComponent("shards").appendingPathComponent(key + ".sqlite").path)
            }
        }
    }
}
