/// Fills the paper tables from the results database (or from nothing: published numbers only).
public enum TableBuilder {
    /// Builds `specification` from `database`; without a database every "ours" cell is empty.
    public static func build(_ specification: TableSpecification, from database: ResultsDatabase?,
                             filter: RunFilter = RunFilter(), study: String? = nil,
                             raters: StudyRaterRecord.Kind? = nil) throws -> ResultTable {
        guard let database else {
            return fill(specification, rows: specification.rows, notes: ["no results database: published numbers only"]) { _, _ in (nil, nil) }
        }
        if specification.columns.contains(where: { if case .preference = $0.source { return true } else { return false } }) {
            return try preferenceTable(specification, votes: database.preferenceVotes(study: study), study: study, raters: raters)
        }
        let names = Set(specification.columns.compactMap(\.source.metricName))
        return try metricTable(specification, observations: database.finishedObservations(metricNames: names, filter: filter),
                               filter: filter)
    }

    // MARK: Tables 2 and 3: metrics over seeds

    static func metricTable(_ given: TableSpecification, observations all: [MetricObservation], filter: RunFilter) throws -> ResultTable {
        var spec = given
        let dataset = try single(all.map(\.dataset), what: "datasets", option: "--dataset", table: spec.identifier)
        let profile = try single(all.map(\.profile), what: "profiles", option: "--profile", table: spec.identifier)
        var protocols = [String: String]()
        for name in Set(all.map(\.name)).sorted() {
            let recorded = all.filter { $0.name == name }.map(\.protocolName)
            if let chosen = filter.protocols[name] {
                guard recorded.contains(chosen) else {
                    throw StoreError.ambiguousTable("\(spec.identifier): no \(name) was recorded under protocol \(chosen) "
                        + "(recorded: \(Set(recorded).sorted().joined(separator: ", ")))")
                }
                protocols[name] = chosen
            } else {
                protocols[name] = try single(recorded, what: "protocols for \(name)", option: "--protocol \(name)=PROTOCOL",
                                             table: spec.identifier)
            }
        }
        spec = spec.namingFeatureSpaces(protocols)
        let observations = latestPerSeed(all.filter { protocols[$0.name] == $0.protocolName })
        let extraRows = Set(observations.map { RunKey(method: $0.method, variant: $0.variant) })
            .subtracting(spec.rows.compactMap { row in row.method.map { RunKey(method: $0, variant: row.variant ?? "") } })
            .sorted { ($0.method, $0.variant) < ($1.method, $1.variant) }
            .map { RowSpecification(label: "\($0.method) (\($0.variant))", section: "not in the paper", method: $0.method,
                                    variant: $0.variant, published: Array(repeating: nil, count: spec.columns.count)) }
        var notes = ["ours: " + spec.oursDescription]
        if observations.isEmpty {
            notes.append("no finished runs with these metrics yet: published numbers only")
        } else {
            notes.append("dataset: \(dataset ?? "-"), profile: \(profile ?? "-")")
            notes.append("protocols: " + protocols.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "; "))
        }
        return fill(spec, rows: spec.rows + extraRows, notes: notes) { row, column in
            guard let method = row.method else { return (nil, nil) }
            let values = observations.filter { $0.method == method && $0.variant == (row.variant ?? "") }
                .compactMap { observation -> Double? in
                    switch column.source {
                    case let .metric(name):
                        return observation.name == name ? observation.value : nil
                    case let .breakdown(name, key):
                        return observation.name == name ? observation.breakdown?[key]?.value : nil
                    case .preference:
                        return nil
                    }
                }
            return (SampleSummary(values), nil)
        }
    }

    /// Keeps, for every (method, variant, seed, metric), the observation of the latest finished run.
    static func latestPerSeed(_ observations: [MetricObservation]) -> [MetricObservation] {
        var latest = [String: MetricObservation]()
        for o in observations {
            let key = "\(o.method)\u{1F}\(o.variant)\u{1F}\(o.seed)\u{1F}\(o.name)"
            if let kept = latest[key], (kept.finishedAt, kept.runId) > (o.finishedAt, o.runId) { continue }
            latest[key] = o
        }
        return observations.filter { latest["\($0.method)\u{1F}\($0.variant)\u{1F}\($0.seed)\u{1F}\($0.name)"]?.runId == $0.runId }
    }

    // MARK: Table 1: user-study preferences over raters

    static func preferenceTable(_ spec: TableSpecification, votes allVotes: [PreferenceVote], study: String?,
                                raters: StudyRaterRecord.Kind? = nil) throws -> ResultTable {
        let votes = raters.map { kind in allVotes.filter { ($0.raterKind ?? .person) == kind } } ?? allVotes
        let studies = Set(votes.map(\.study))
        if study == nil, studies.count > 1 {
            throw StoreError.ambiguousTable("\(spec.identifier) would pool the user studies \(studies.sorted().joined(separator: ", ")); pass --study")
        }
        let simulated = Set(votes.filter { $0.raterKind == .simulated }.map(\.rater))
        let people = Set(votes.filter { $0.raterKind != .simulated }.map(\.rater))
        if !simulated.isEmpty, !people.isEmpty {
            throw StoreError.ambiguousTable("\(spec.identifier) would pool \(people.count) people with \(simulated.count) simulated raters; "
                + "pass --raters person or --raters simulated")
        }
        var notes = ["ours: " + spec.oursDescription + "; [95% interval: percentile bootstrap over raters, "
            + "\(RaterBootstrap.resamples) resamples]"]
        if votes.isEmpty {
            notes.append("no user-study votes yet: published numbers only")
        } else {
            let who = simulated.isEmpty ? "\(people.count) raters"
                : "\(simulated.count) SIMULATED raters (ground-truth raters from `study simulate`, not people)"
            notes.append("study: \(studies.sorted().joined(separator: ", ")), \(who), \(votes.count) votes")
        }
        return fill(spec, rows: spec.rows, notes: notes) { row, column in
            guard case let .preference(group) = column.source, let opponent = row.method else { return (nil, nil) }
            var perRater = [String: (won: Int, total: Int)]()
            for vote in votes where vote.opponent == opponent && vote.attributeGroups.contains(group) {
                perRater[vote.rater, default: (0, 0)].won += vote.preferredSubject ? 1 : 0
                perRater[vote.rater, default: (0, 0)].total += 1
            }
            let shares = perRater.keys.sorted().map { Double(perRater[$0]!.won) / Double(perRater[$0]!.total) }
            return (SampleSummary(shares),
                    RaterBootstrap.interval95(shares: shares, seed: RaterBootstrap.seed(RaterBootstrap.seed, opponent, group)))
        }
    }

    // MARK: Helpers

    private struct RunKey: Hashable {
        let method: String
        let variant: String
    }

    private static func fill(_ spec: TableSpecification, rows: [RowSpecification], notes: [String],
                             ours: (RowSpecification, ColumnSpecification) -> (SampleSummary?, ClosedRange<Double>?)) -> ResultTable {
        ResultTable(specification: spec, rows: rows.map { row in
            ResultTable.Row(label: row.label, section: row.section, method: row.method, variant: row.variant,
                            cells: spec.columns.enumerated().map { index, column in
                                let (summary, interval) = ours(row, column)
                                return ResultTable.Cell(ours: summary, published: row.published[index], interval95: interval)
                            })
        }, notes: notes)
    }

    /// The one distinct value of `values` (nil when empty); more than one is an error naming the option.
    private static func single(_ values: [String], what: String, option: String, table: String) throws -> String? {
        let distinct = Set(values)
        guard distinct.count <= 1 else {
            throw StoreError.ambiguousTable("\(table) would mix \(what) \(distinct.sorted().joined(separator: ", ")); choose one with \(option)")
        }
        return distinct.first
    }
}
