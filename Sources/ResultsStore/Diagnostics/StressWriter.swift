import Foundation

/// The writer behind `report stress-write` (hidden): many small runs, each started, given an artefact
/// and finished with its metrics, as fast as possible. Tests start two of these processes at once to
/// show that concurrent writers lose nothing, and kill one inside a finishing transaction to show that no
/// partial run ends up `finished`.
public enum StressWriter {
    public struct Options: Sendable {
        /// Name of this writer (stored as the runs' variant).
        public var writer: String
        public var runs: Int
        public var metricsPerRun: Int
        /// Wait until this file exists before writing (so that several processes start together).
        public var startBarrier: String?
        /// Run index whose finishing transaction stops halfway, creates `holdMarker` and waits to be killed.
        public var holdInFinishOfRun: Int?
        public var holdMarker: String?

        public init(writer: String, runs: Int, metricsPerRun: Int, startBarrier: String? = nil,
                    holdInFinishOfRun: Int? = nil, holdMarker: String? = nil) {
            self.writer = writer
            self.runs = runs
            self.metricsPerRun = metricsPerRun
            self.startBarrier = startBarrier
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
        if let barrier = options.startBarrier {
            while !FileManager.default.fileExists(atPath: barrier) { usleep(1_000) }
        }
        for index in 0..<options.runs {
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
        }
        return options.runs
    }
}
