import ArgumentParser
import Experiments
import Foundation
import ResultsStore
import Sweeps

/// `sweep --profile P --seeds 0-4 --methods all --scheduler slurm|local`: plans the runs, writes the
/// manifest (and for Slurm the sbatch script) under `<results>/sweeps/<profile>-<dataset>-<hash>/`, then
/// submits the array or runs the local pool. `--dry-run` prints what it would submit or run and writes nothing.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Plan a sweep and submit it to Slurm or run it locally (the default subcommand).",
        discussion: """
            Runs are methods × variants × seeds; --methods all is stargan, cyclegan, icgan and BiL-GAN's seven \
            variants. Each run trains, then evaluates, writing its own shard <results>/shards/<run>.sqlite; merge \
            them with `report merge <results>/shards/*.sqlite`.
            """)

    enum Scheduler: String, ExpressibleByArgument, CaseIterable { case slurm, local }

    @Option(help: "A profile name under --profiles (smoke, default, paper) or a path to a profile .json file.")
    var profile = "default"

    @Option(help: "Seeds: a range (0-4), a list (0,2,5) or both (0-2,7).")
    var seeds = "0"

    @Option(help: "all, or a comma list of stargan, cyclegan, icgan, bilgan (all seven variants) or bilgan:VARIANT.")
    var methods = "all"

    @Option(help: "The dataset folder under --data-root.")
    var dataset = TrainingDataset.celebahq.rawValue

    @Option(help: "slurm (an sbatch job array) or local (a worker pool on this machine).")
    var scheduler: Scheduler = .local

    @Option(help: "local: tasks at once.")
    var workers = 1

    @Option(help: "slurm: at most this many array tasks at once (--array=…%N).")
    var maxConcurrent: Int?

    @Option(help: "slurm: the partition to submit to.")
    var partition: String?

    @Flag(help: "Print the sbatch script (slurm) or the task list (local); write, submit and run nothing.")
    var dryRun = false

    @Option(help: "The folder that holds the datasets.")
    var dataRoot = "datasets/generated"

    @Option(help: "The results folder: runs/, shards/, sweeps/.")
    var results = "results"

    @Option(help: "The folder profile names are looked up in.")
    var profiles = "profiles"

    @Option(help: "The folder of the built train, evaluate and sweep executables (default: this executable's).")
    var binDirectory: String?

    static let workerRange = 1...256

    func validate() throws {
        guard Self.workerRange.contains(workers) else { throw ValidationError("--workers must be between 1 and 256, got \(workers)") }
        if let maxConcurrent, maxConcurrent < 1 { throw ValidationError("--max-concurrent must be at least 1, got \(maxConcurrent)") }
        guard TrainingDataset(rawValue: dataset) != nil else {
            throw ValidationError("--dataset: unknown dataset \"\(dataset)\"; expected \(TrainingDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        do { try plan() } catch let error as SweepError {
            throw ValidationError(error.description)
        } catch let error as ExperimentError {
            throw ValidationError(error.description)
        }
    }

    private func plan() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> URL { URL(fileURLWithPath: path.hasPrefix("/") ? path : cwd + "/" + path).standardizedFileURL }
        let profilesURL = absolute(profiles)
        let loaded = try Profile.load(profile, directory: profilesURL)
        let seedList = try SeedList.parse(seeds)
        let resultsURL = absolute(results)
        let dataRootURL = absolute(dataRoot)
        let running = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? absolute(CommandLine.arguments[0])
        let bin = binDirectory.map(absolute) ?? running.deletingLastPathComponent()
        for tool in ["train", "evaluate", "sweep"] where !FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent(tool).path) {
            throw SweepError("\(bin.appendingPathComponent(tool).path) is not an executable: build with `swift build -c release`, or pass --bin-directory")
        }
        let datasetFolder = dataRootURL.appendingPathComponent(dataset)
        guard FileManager.default.fileExists(atPath: datasetFolder.path) else {
            throw SweepError("no dataset at \(datasetFolder.path): generate it (`make dataset`) or pass --data-root")
        }
        let profileKey = String(loaded.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        let tasks = try SweepPlan.tasks(methods: methods, seeds: seedList, dataset: dataset, profile: profileKey, results: resultsURL)
        // A profile given as a path travels as an absolute path; a name stays a name (looked up in --profiles).
        let profileArgument = profile.contains("/") || profile.hasSuffix(".json") ? absolute(profile).path : profile
        let manifest = SweepManifest(profile: profileArgument, dataset: dataset, dataRoot: dataRootURL.path, results: resultsURL.path,
                                     profiles: profilesURL.path, binDirectory: bin.path, tasks: tasks)
        let encoded = try manifest.encoded()
        let folder = resultsURL.appendingPathComponent("sweeps")
            .appendingPathComponent("\(profileKey)-\(dataset)-" + CanonicalJSON.hash(String(decoding: encoded, as: UTF8.self)).prefix(8))
        let manifestURL = folder.appendingPathComponent(SweepManifest.fileName)
        let logs = folder.appendingPathComponent("logs")
        let summary = "\(tasks.count) runs of profile \(loaded.name) on \(dataset), seeds \(seeds)"
        Self.note("sweep: \(summary) (\(scheduler.rawValue)); manifest \(manifestURL.path)")

        switch scheduler {
        case .slurm:
            for (path, what) in [(cwd, "the working directory"), (logs.path, "the log folder")] {
                if let problem = SlurmScript.problems(path: path, what: what) { throw SweepError(problem) }
            }
            let script = SlurmScript(jobName: "bilgan-sweep-\(profileKey)", taskCount: tasks.count, resources: loaded.sweep,
                                     maxConcurrent: maxConcurrent, partition: partition, workingDirectory: cwd,
                                     logDirectory: logs.path, sweepExecutable: bin.appendingPathComponent("sweep").path,
                                     manifestPath: manifestURL.path, summary: summary)
            if dryRun {
                print(script.render(), terminator: "")
                Self.note("sweep: dry run: nothing written or submitted")
                return
            }
            try write(encoded, to: manifestURL)
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            let scriptURL = folder.appendingPathComponent(SlurmScript.fileName)
            try write(Data(script.render().utf8), to: scriptURL)
            let id = try SlurmSubmission.submit(script: scriptURL)
            Self.note("sweep: submitted job array \(id) (\(tasks.count) tasks, \(scriptURL.path)); logs in \(logs.path)")
            Self.note("sweep: when it is done: report merge \(resultsURL.path)/shards/*.sqlite")
            print(id)
        case .local:
            if dryRun {
                for (index, task) in tasks.enumerated() {
                    print("\(index)\t\(task.key)\t\(task.shard)")
                }
                Self.note("sweep: dry run: nothing written or run")
                return
            }
            try write(encoded, to: manifestURL)
            let outcome = try LocalScheduler.run(manifest: manifest, manifestPath: manifestURL.path, logDirectory: logs,
                                                 workers: workers, sweepExecutable: bin.appendingPathComponent("sweep")) { line in
                Self.note("sweep: " + line)
            }
            let failed = outcome.filter { $0.status != 0 }
            Self.note("sweep: \(outcome.count - failed.count) of \(outcome.count) tasks finished; merge with: "
                 + "report merge \(resultsURL.path)/shards/*.sqlite")
            for task in failed { Self.note("sweep: task \(task.index) \(task.key) failed (status \(task.status)); log \(task.log)") }
            if !failed.isEmpty { throw ExitCode(1) }
        }
    }

    private func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw SweepError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    private static func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
