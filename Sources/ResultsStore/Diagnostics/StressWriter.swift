import Foundation

/// The writer behind `report stress-write` (hidden): many small runs, each started, given an artefact
/// and finished with its metrics, as fast as possible. Tests start two of these processes at once to
/// show that concurrent writers lose nothing, and kill one inside a finishing transaction to show that no
/// partial run ends up `finished`. Every ordering a test relies on is made by construction (marker files
/// and turn tokens), never by sleeping and hoping the other process got there first.
public enum StressWriter {
    public struct Options: Sendable {
        /// Name of this writer (stored as the runs' variant).
        public var writer: String
        public var runs: Int
        public var metricsPerRun: Int
        /// Created once the database is open (tests wait for it instead of sleeping).
        public var readyMarker: String?
        /// Wait until this file exists before writing (so that several processes start together).
        public var startBarrier: String?
        /// Take turns: the first `turns.count` runs are written in strict alternation with the other
        /// writers of `turns` (see `TurnTaking`), so the runs interleave by construction; the rest race freely.
        public var turns: TurnTaking?
        /// Run index whose finishing transaction stops halfway, creates `holdMarker` and waits to be killed.
        public var holdInFinishOfRun: Int?
        public var holdMarker: String?

        public init(writer: String, runs: Int, metricsPerRun: Int, readyMarker: String? = nil,
                    startBarrier: String? = nil, turns: TurnTaking? = nil,
                    holdInFinishOfRun: Int? = nil, holdMarker: String? = nil) {
            self.writer = writer
            self.runs = runs
            self.metricsPerRun = metricsPerRun
            self.readyMarker = readyMarker
            self.startBarrier = startBarrier
            self.turns = turns
            self.holdInFinishOfRun = holdInFinishOfRun
            self.holdMarker = holdMarker
        }
    }

    public static let method = "stress-test"

    /// Writes the runs; returns how many were finished.
    @discardableResult
    public static func run(databasePath: String, options: Options) throws -> Int {
        guard options.runs >= 0, options.metricsPerRun >= 1 else {
            throw StoreError.invalidInput("stress-write needs runs ≥ 0 and metrics per run ≥ 1")
        }
        if options.holdInFinishOfRun != nil, options.holdMarker == nil {
            throw StoreError.invalidInput("holding inside a finishing transaction needs a marker file to announce it")
        }
        let database = try ResultsDatabase(path: databasePath)
        if let ready = options.readyMarker { _ = FileManager.default.createFile(atPath: ready, contents: Data()) }
        if let barrier = options.startBarrier {
            try TurnTaking.wait(for: barrier, upTo: 120, what: "the start barrier")
        }
        for index in 0..<options.runs {
            let turn = options.turns.flatMap { $0.turnOf(writer: options.writer, run: index) }
            if let turn { try options.turns!.waitForTurn(turn) }
            if let turns = options.turns, index == turns.count { try turns.waitForTurn(turns.count * turns.writers.count) }
            let id = try database.startRun(RunDescription(
                method: method, variant: options.writer, dataset: "stress", profile: "stress", seed: index,
                configJSON: #"{"writer": "\#(options.writer)", "run": \#(index)}"#, codeVersion: "stress"))
            try database.recordArtefact(ArtefactRecord(runId: id, kind: .sampleGrid, path: "stress/\(options.writer)/\(index).png"))
            let metrics = (0..<options.metricsPerRun).map {
                MetricValue(name: "m\($0)", value: Double(index * options.metricsPerRun + $0), sampleCount: 1, protocolName: "stress")
            }
            let hold: (() throws -> Void)? = index == options.holdInFinishOfRun ? {
                _ = FileManager.default.createFile(atPath: options.holdMarker!, contents: Data())
                while true { sleep(1) }
            } : nil
            try database.finishRun(id, finalMetrics: metrics, now: Date(), beforeCommit: hold)
            if let turn { try options.turns!.passTurn(after: turn) }
        }
        return options.runs
    }
}

/// Strict alternation between writer processes through token files: writer p of n writes its run i at
/// step i·n + p, waiting until the file of that step exists and creating the next step's file when its
/// run is committed. Step 0 needs no token; the free runs after the turns wait for the last turn's token,
/// so every turn-taking run precedes every free one. Every wait is bounded.
public struct TurnTaking: Sendable {
    /// Folder holding the token files `step-K`.
    public var directory: String
    /// The writers in turn order.
    public var writers: [String]
    /// How many runs of each writer take turns.
    public var count: Int

    public init(directory: String, writers: [String], count: Int) {
        self.directory = directory
        self.writers = writers
        self.count = count
    }

    /// The step at which `writer` writes run `run`, or nil when that run races freely.
    func turnOf(writer: String, run: Int) -> Int? {
        guard run < count, let position = writers.firstIndex(of: writer) else { return nil }
        return run * writers.count + position
    }

    func waitForTurn(_ step: Int) throws {
        guard step > 0 else { return }
        try Self.wait(for: token(step), upTo: 120, what: "turn \(step)")
    }

    func passTurn(after step: Int) throws {
        _ = FileManager.default.createFile(atPath: token(step + 1), contents: Data())
    }

    private func token(_ step: Int) -> String { directory + "/step-\(step)" }

    /// Polls for `path` every millisecond for at most `seconds`, then fails naming what it waited for.
    static func wait(for path: String, upTo seconds: Double, what: String) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < deadline else {
                throw StoreError.invalidInput("gave up after \(Int(seconds)) s waiting for \(what) (\(path))")
            }
            usleep(1_000)
        }
    }
}
