/// Attribute-classification scores of translated images, from the predictions of a pre-trained
/// attribute classifier (`evaluators.md` §7.2).
public enum AttributeClassification {
    /// Per-attribute counts and the pooled count over every (sample, attribute) entry.
    public struct Report: Sendable, Equatable {
        /// One entry per attribute, in attribute order.
        public let perAttribute: [(attribute: String, tally: Tally)]
        /// Pooled over attributes (a micro average; equal to the mean of the per-attribute rates when
        /// every attribute counts every sample).
        public let overall: Tally

        public static func == (a: Report, b: Report) -> Bool {
            a.overall == b.overall && a.perAttribute.map(\.attribute) == b.perAttribute.map(\.attribute)
                && a.perAttribute.map(\.tally) == b.perAttribute.map(\.tally)
        }
    }

    /// The paper's "CLAS error" (Table 2): the classifier's disagreement with the *target* labels the
    /// images were translated to. Counts are errors out of samples, per attribute and pooled.
    public static func error(predicted: BinaryLabels, target: BinaryLabels) throws -> Report {
        try predicted.requireSameShape(as: target, "predicted vs target labels")
        return tally(predicted.attributeNames, samples: predicted.sampleCount) { s, k in
            (counted: true, success: predicted.value(sample: s, attribute: k) != target.value(sample: s, attribute: k))
        }
    }

    /// STGAN's editing scores (`att_classification/test.py`) generalised to any source/target pair:
    /// - `achieved`: for the attributes the edit changes (target ≠ source), how often the classifier
    ///   sees the target value (STGAN "Acc").
    /// - `preservationError`: for the attributes the edit keeps (target = source), how often the
    ///   classifier does not see the source value (STGAN "Err").
    public static func editScores(source: BinaryLabels, target: BinaryLabels,
                                  predicted: BinaryLabels) throws -> (achieved: Report, preservationError: Report) {
        try source.requireSameShape(as: target, "source vs target labels")
        try predicted.requireSameShape(as: target, "predicted vs target labels")
        let n = target.sampleCount
        let achieved = tally(target.attributeNames, samples: n) { s, k in
            let changed = source.value(sample: s, attribute: k) != target.value(sample: s, attribute: k)
            return (changed, predicted.value(sample: s, attribute: k) == target.value(sample: s, attribute: k))
        }
        let preservation = tally(target.attributeNames, samples: n) { s, k in
            let kept = source.value(sample: s, attribute: k) == target.value(sample: s, attribute: k)
            return (kept, predicted.value(sample: s, attribute: k) != source.value(sample: s, attribute: k))
        }
        return (achieved, preservation)
    }

    /// Counts `success` over the entries where `counted` holds.
    private static func tally(_ names: [String], samples: Int,
                              _ entry: (Int, Int) -> (counted: Bool, success: Bool)) -> Report {
        var perAttribute = names.map { ($0, Tally()) }
        var overall = Tally()
        for s in 0..<samples {
            for k in names.indices {
                let (counted, success) = entry(s, k)
                guard counted else { continue }
                let one = Tally(hits: success ? 1 : 0, total: 1)
                perAttribute[k].1 += one
                overall += one
            }
        }
        return Report(perAttribute: perAttribute.map { (attribute: $0.0, tally: $0.1) }, overall: overall)
    }
}
