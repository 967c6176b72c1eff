import Datasets
import TensorCore

/// Label-vector handling shared by the conditional methods.
public enum DomainLabels {
    /// Row-wise argmax of [N, L] labels (the class index of a one-hot row).
    public static func argmax(_ labels: Tensor) -> [Int] {
        let (n, l) = (labels.shape[0], labels.shape[1])
        let values = labels.scalars
        return (0..<n).map { r in (0..<l).max { values[r * l + $0] < values[r * l + $1] } ?? 0 }
    }

    /// Training targets as StarGAN draws them (`solver.py` L223–228): the batch's own label vectors in
    /// a random order, `label_org[randperm(N)]`.
    public static func shuffled(_ labels: Tensor, random: inout RandomGenerator) -> Tensor {
        permuted(labels, by: random.permutation(labels.shape[0]))
    }

    public static func permuted(_ labels: Tensor, by order: [Int]) -> Tensor {
        let l = labels.shape[1], values = labels.scalars
        return Tensor(shape: labels.shape, scalars: order.flatMap { values[($0 * l)..<(($0 + 1) * l)] })
    }

    /// The test and sample targets of StarGAN's `create_labels` (L149–173), one per attribute column:
    /// a member of an exclusive group is set and the rest of its group cleared; any other attribute is
    /// flipped. Column k of the result is the batch's labels edited at attribute k.
    public static func editTargets(_ labels: Tensor, domains: DomainSelection) -> [Tensor] {
        let l = labels.shape[1], rows = labels.shape[0], values = labels.scalars
        precondition(l == domains.attributes.count, "editTargets: labels have \(l) columns, the selection \(domains.attributes.count)")
        return domains.attributes.map { attribute in
            let grouped = domains.exclusiveGroups.contains { $0.contains(attribute) }
            let edited = (0..<rows).flatMap { r -> [Float] in
                let row = Array(values[(r * l)..<((r + 1) * l)])
                let k = domains.attributes.firstIndex(of: attribute)!
                return domains.target(from: row, setting: attribute, to: grouped ? 1 : 1 - row[k])
            }
            return Tensor(shape: labels.shape, scalars: edited)
        }
    }

    /// True when the whole label vector is one exclusive group (one-hot classes).
    public static func isOneHot(_ domains: DomainSelection) -> Bool {
        domains.exclusiveGroups.contains { Set($0) == Set(domains.attributes) }
    }
}
