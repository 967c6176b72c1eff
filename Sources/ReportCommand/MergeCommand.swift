import ArgumentParser
import Foundation
import ResultsStore

/// `report merge SHARD…`: folds the per-task databases a sweep wrote into the results database.
/// Every shard is opened (read-only) before anything is written, so a corrupt file stops the merge
/// with its name and leaves the target untouched; runs that did not finish are listed, never dropped.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge sweep shards (one SQLite file per task) into the results database, idempotently.",
        discussion: """
            A run is identified by its configuration hash: merging the same shard twice adds it once. Runs that \
            failed or never finished are merged with their status and listed, so a failed task is seen. \
            --strict exits 3 when any shard holds such a run.
            """)

    @Argument(help: "Shard files (e.g. results/shards/*.sqlite).")
    var shards: [String]

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Exit with status 3 when a shard holds a run that did not finish.")
    var strict = false

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give at least one shard file (e.g. results/shards/*.sqlite)") }
        let target = URL(fileURLWithPath: databaseOptions.database).standardizedFileURL.path
        for shard in shards where URL(fileURLWithPath: shard).standardizedFileURL.path == target {
            throw ValidationError("\(shard) is the target database itself (--database); merge shards into another file")
        }
    }

    func run() throws {
        let opened: [ResultsDatabase] = try shards.map { path in
            do { return try ResultsDatabase(readingFrom: path) } catch let error as StoreError {
                throw ValidationError("shard \(path) cannot be read, nothing merged: \(error)")
            }
        }
        let target = try ResultsDatabase(path: databaseOptions.database)
        var unfinished = 0
        for shard in opened {
            let outcome = try target.merge(shard: shard)
            let counts = Dictionary(grouping: outcome.runs, by: \.action).mapValues(\.count)
            let summary = [ShardMergeOutcome.Action.added, .completed, .alreadyPresent, .unfinishedKept]
                .compactMap { action in counts[action].map { "\($0) \(action.rawValue)" } }.joined(separator: ", ")
            print("\(outcome.shardPath): \(outcome.runs.count) run(s)" + (summary.isEmpty ? " (empty shard)" : ": \(summary)"))
            for run in outcome.unfinished {
                unfinished += 1
                FileHandle.standardError.write(Data(("report merge: \(outcome.shardPath): run \(run.method) \(run.variant) seed \(run.seed) "
                    + "is \(run.status.rawValue)" + (run.statusMessage.map { " (\($0))" } ?? "")
                    + "; merged as run \(run.targetRunId) with that status\n").utf8))
            }
        }
        print("merged \(opened.count) shard(s) into \(databaseOptions.database)"
              + (unfinished > 0 ? "; \(unfinished) unfinished run(s), listed above" : ""))
        if strict && unfinished > 0 { throw ExitCode(3) }
    }
}
