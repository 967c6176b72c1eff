/// Closed-set rank-1 identification with cosine similarity, as the frontalisation code scores Light
/// CNN features (FFWM `models/ffwm_model.py`: `cosine_similarity(gallery_feas, probe_fea)`, top-1; 
/// `evaluators.md` §3.3): a probe is correct when the gallery entry most similar to it belongs to the
/// probe's subject. Ties go to the lowest gallery index.
public enum RankOneIdentification {
    public struct Result: Sendable, Equatable {
        /// Correct / total per probe group (e.g. camera), in first-appearance order of the groups.
        public let perGroup: [(group: String, tally: Tally)]
        public let overall: Tally
        /// For each probe, the gallery index chosen.
        public let matches: [Int]

        public static func == (a: Result, b: Result) -> Bool {
            a.overall == b.overall && a.matches == b.matches
                && a.perGroup.map(\.group) == b.perGroup.map(\.group) && a.perGroup.map(\.tally) == b.perGroup.map(\.tally)
        }

        /// The per-group counts as a dictionary (for `PosePooling`).
        public var countsByGroup: [String: Tally] {
            Dictionary(uniqueKeysWithValues: perGroup.map { ($0.group, $0.tally) })
        }
    }

    /// - Parameters:
    ///   - gallery: one feature vector per gallery image; `gallerySubjects[i]` is its identity.
    ///   - probes: the probe features; `probeSubjects[i]` their identity, `probeGroups[i]` the group they
    ///     are reported under (the Multi-PIE camera, e.g. "19_0").
    public static func evaluate(gallery: FeatureMatrix, gallerySubjects: [String],
                                probes: FeatureMatrix, probeSubjects: [String], probeGroups: [String]) throws -> Result {
        guard gallery.rows > 0, probes.rows > 0 else {
            throw MetricError.invalidArgument("rank-1 needs a non-empty gallery and probe set (got \(gallery.rows) gallery, \(probes.rows) probes)")
        }
        guard gallery.columns == probes.columns else {
            throw MetricError.shapeMismatch("gallery features have \(gallery.columns) dimensions, probes \(probes.columns)")
        }
        guard gallerySubjects.count == gallery.rows else {
            throw MetricError.shapeMismatch("\(gallerySubjects.count) gallery subjects for \(gallery.rows) gallery features")
        }
        guard probeSubjects.count == probes.rows, probeGroups.count == probes.rows else {
            throw MetricError.shapeMismatch("\(probeSubjects.count) probe subjects and \(probeGroups.count) groups for \(probes.rows) probe features")
        }
        let g = try unitRows(gallery, name: "gallery"), p = try unitRows(probes, name: "probe")
        let similarity = DenseLinearAlgebra.multiplyTransposed(p, g, m: probes.rows, n: gallery.rows, k: gallery.columns)
        var matches = [Int](), order = [String](), counts = [String: Tally](), overall = Tally()
        for i in 0..<probes.rows {
            var best = 0
            for j in 1..<gallery.rows where similarity[i * gallery.rows + j] > similarity[i * gallery.rows + best] {
                best = j
            }
            matches.append(best)
            let hit = gallerySubjects[best] == probeSubjects[i] ? 1 : 0
            let group = probeGroups[i]
            if counts[group] == nil { order.append(group) }
            counts[group, default: Tally()] += Tally(hits: hit, total: 1)
            overall += Tally(hits: hit, total: 1)
        }
        return Result(perGroup: order.map { ($0, counts[$0]!) }, overall: overall, matches: matches)
    }

    /// Rows scaled to unit length; a zero row has no direction and is an error.
    private static func unitRows(_ m: FeatureMatrix, name: String) throws -> [Double] {
        var out = m.values
        for i in 0..<m.rows {
            let norm = m.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else {
                throw MetricError.invalidArgument("\(name) feature \(i) is all zeros; cosine similarity is undefined")
            }
            for j in 0..<m.columns { out[i * m.columns + j] /= norm }
        }
        return out
    }
}
