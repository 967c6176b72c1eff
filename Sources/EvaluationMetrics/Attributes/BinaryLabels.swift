/// N samples × K named binary attributes (row-major). Predictions and targets of the attribute
/// classifier share this type, so that the error functions can check they describe the same attributes.
public struct BinaryLabels: Sendable, Equatable {
    public let attributeNames: [String]
    public let sampleCount: Int
    /// Row-major, sampleCount × attributeNames.count.
    public let values: [Bool]

    public init(attributeNames: [String], rows: [[Bool]]) throws {
        guard !attributeNames.isEmpty else { throw MetricError.invalidArgument("no attribute names given") }
        guard Set(attributeNames).count == attributeNames.count else {
            throw MetricError.invalidArgument("attribute names repeat: \(attributeNames)")
        }
        if let bad = rows.firstIndex(where: { $0.count != attributeNames.count }) {
            throw MetricError.shapeMismatch("sample \(bad) has \(rows[bad].count) labels for \(attributeNames.count) attributes")
        }
        self.attributeNames = attributeNames
        self.sampleCount = rows.count
        self.values = rows.flatMap { $0 }
    }

    /// Predictions from classifier logits: positive when logit > threshold (0, i.e. sigmoid > 0.5, as
    /// STGAN `att_classification/test.py` rounds `sigmoid(logits)`).
    public init(attributeNames: [String], logits: [[Double]], threshold: Double = 0) throws {
        if let bad = logits.firstIndex(where: { $0.contains { !$0.isFinite } }) {
            throw MetricError.nonFinite("logits of sample \(bad) hold a non-finite value")
        }
        try self.init(attributeNames: attributeNames, rows: logits.map { $0.map { $0 > threshold } })
    }

    /// From CelebA's `1` / `-1` annotation values (`list_attr_celeba.txt`; `(v + 1)/2`).
    public init(attributeNames: [String], celebAValues: [[Int]]) throws {
        for (i, row) in celebAValues.enumerated() {
            if let bad = row.first(where: { $0 != 1 && $0 != -1 }) {
                throw MetricError.invalidArgument("CelebA labels are 1 or -1; sample \(i) has \(bad)")
            }
        }
        try self.init(attributeNames: attributeNames, rows: celebAValues.map { $0.map { $0 == 1 } })
    }

    public func value(sample: Int, attribute: Int) -> Bool {
        values[sample * attributeNames.count + attribute]
    }

    /// Throws unless `other` has the same attributes in the same order and the same sample count.
    func requireSameShape(as other: BinaryLabels, _ what: String) throws {
        guard attributeNames == other.attributeNames else {
            throw MetricError.shapeMismatch("\(what): attributes \(attributeNames) vs \(other.attributeNames)")
        }
        guard sampleCount == other.sampleCount else {
            throw MetricError.shapeMismatch("\(what): \(sampleCount) vs \(other.sampleCount) samples")
        }
    }
}
