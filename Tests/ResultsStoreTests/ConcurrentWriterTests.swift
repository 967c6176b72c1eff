import Foundation
import ResultsStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Real OS processes (`report stress-write`) writing the same database file.
@Suite(.serialized) struct ConcurrentWriterTests {
    /// Two processes open a new file at once (migration race) and write 2 × 200 runs, each with an
    /// artefact and 25 metrics, at the same time: every row arrives. The first 10 runs of each writer
    /// alternate through turn tokens, so the writes interleave by construction (not by scheduling luck);
    /// the remaining 190 each race freely.
    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("results.sqlite"), barrier = dir.path("go")
        let runs = 200, metricsPerRun = 25, turns = 10
        let writers = try ["A", "B"].map { name in
            try ReportExecutable.start(["stress-write", "--database", path, "--writer", name, "--runs", "\(runs)",
                                        "--metrics-per-run", "\(metricsPerRun)", "--ready-marker", dir.path("ready-\(name)"),
                                        "--start-barrier", barrier, "--turn-order", "A,B", "--turns", "\(turns)",
                                        "--turn-directory", dir.url.path],
                                       logIn: dir, name: name)
        }
        // Both processes have opened (and migrated) the database before either writes.
        let bothReady = waitFor(seconds: 120) { ["A", "B"].allSatisfy { FileManager.default.fileExists(atPath: dir.path("ready-\($0)")) } }
        #expect(bothReady, "A: \(ReportExecutable.log("A", in: dir)) B: \(ReportExecutable.log("B", in: dir))")
        _ = FileManager.default.createFile(atPath: barrier, contents: nil)
        for (name, process) in zip(["A", "B"], writers) {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "writer \(name): \(ReportExecutable.log(name, in: dir))")
        }
        let db = try ResultsDatabase(path: path)
        let counts = try db.rowCounts()
        print("concurrent writers: \(counts)")
        #expect(counts["run"] == 2 * runs)
        #expect(counts["metric"] == 2 * runs * metricsPerRun)
        #expect(counts["artefact"] == 2 * runs)
        let finished = try db.runs(status: .finished)
        #expect(finished.count == 2 * runs)
        for name in ["A", "B"] {
            #expect(finished.filter { $0.variant == name }.map(\.seed).sorted() == Array(0..<runs))
        }
        // Interleaving: the turn-taking runs come first, in strict alternation A, B, A, B, …
        let order = finished.sorted { $0.id! < $1.id! }.map(\.variant)
        #expect(Array(order.prefix(2 * turns)) == Array(repeating: ["A", "B"], count: turns).flatMap { $0 })
        let switches = zip(order, order.dropFirst()).filter { $0 != $1 }.count
        print("concurrent writers: the writer changes \(switches) times along the run ids")
        #expect(try db.journalMode() == "wal" && db.integrityCheck() == "ok")
    }

    /// A writer killed with SIGKILL while it holds a finishing transaction open (half of the run's 400
    /// metrics inserted) leaves that run `running` with no metrics; its earlier runs are intact; a second
    /// writer that was waiting for the lock then completes; the cleanup marks the dead run abandoned.
    @Test func writerKilledInsideFinishingTransactionLeavesNoFinishedPartialRun() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("results.sqlite"), marker = dir.path("holding")
        let metricsPerRun = 400, heldRun = 5
        let victim = try ReportExecutable.start(
            ["stress-write", "--database", path, "--writer", "victim", "--runs", "10", "--metrics-per-run", "\(metricsPerRun)",
             "--hold-in-finish-of-run", "\(heldRun)", "--hold-marker", marker], logIn: dir, name: "victim")
        let holding = waitFor(seconds: 60) { FileManager.default.fileExists(atPath: marker) }
        #expect(holding, "the victim never reached its finishing transaction: \(ReportExecutable.log("victim", in: dir))")
        // The bystander queues for the victim's write lock (opening the database already needs it to
        // check the schema version) or finds it released after the kill: every assertion below holds
        // in either order, so nothing waits on scheduling here.
        let bystander = try ReportExecutable.start(
            ["stress-write", "--database", path, "--writer", "bystander", "--runs", "50", "--metrics-per-run", "10"],
            logIn: dir, name: "bystander")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal && victim.terminationStatus == SIGKILL)
        bystander.waitUntilExit()
        #expect(bystander.terminationStatus == 0, "bystander: \(ReportExecutable.log("bystander", in: dir))")

        let db = try ResultsDatabase(path: path)
        let victimRuns = try db.runs().filter { $0.variant == "victim" }
        #expect(victimRuns.map(\.seed) == Array(0...heldRun))
        for run in victimRuns {
            let metrics = try db.metrics(ofRun: run.id!)
            if run.seed < heldRun {
                #expect(run.status == .finished && metrics.count == metricsPerRun)
            } else {
                #expect(run.status == .running && metrics.isEmpty, "the killed transaction left \(metrics.count) metrics")
            }
        }
        // No finished run anywhere lacks metrics.
        for run in try db.runs(status: .finished) {
            let expected = run.variant == "victim" ? metricsPerRun : 10
            #expect(try db.metrics(ofRun: run.id!).count == expected, "run \(run.id!)")
        }
        #expect(try db.runs(status: .finished).filter { $0.variant == "bystander" }.count == 50)
        let dead = victimRuns.last!.id!
        #expect(try db.abandonStaleRuns(olderThan: 0) == [dead])
        #expect(try db.run(dead)?.status == .abandoned)
        #expect(try db.integrityCheck() == "ok")
        print("killed writer: \(try db.rowCounts()), run \(dead) abandoned")
    }
}
