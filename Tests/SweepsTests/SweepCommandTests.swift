import Foundation
import Testing
import TestSupport

/// `sweep` through the built executable: the dry run prints the script and writes nothing; bad input
/// fails with a message naming what is wrong.
@Suite struct SweepCommandTests {
    static func sweep(_ arguments: [String], in scratch: Scratch, name: String) throws -> BuiltCommand.Outcome {
        try BuiltCommand.run(try BuiltProducts.executable("sweep"), arguments, log: scratch.path("\(name).log"), seconds: 60)
    }

    @Test func dryRunPrintsTheScriptAndWritesNothing() throws {
        let scratch = try Scratch("sweep-cli")
        try FileManager.default.createDirectory(at: scratch.path("data/celebahq"), withIntermediateDirectories: true)
        let results = scratch.path("results")
        let outcome = try Self.sweep(["--profile", "smoke", "--seeds", "0-1", "--methods", "stargan,cyclegan", "--scheduler", "slurm",
                                      "--dry-run", "--data-root", scratch.path("data").path, "--results", results.path,
                                      "--profiles", repositoryProfiles.path], in: scratch, name: "dry")
        #expect(outcome.status == 0, "\(outcome.output)")
        for line in ["#SBATCH --array=0-3\n", "#SBATCH --cpus-per-task=1\n", "#SBATCH --mem=2G\n", "#SBATCH --time=15\n",
                     "run-task --manifest '\(results.path)/sweeps/smoke-celebahq-"] {
            #expect(outcome.output.contains(line), "\(line)\n\(outcome.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: results.path), "a dry run writes nothing")
    }

    @Test func badInputIsNamed() throws {
        let scratch = try Scratch("sweep-cli-bad")
        try FileManager.default.createDirectory(at: scratch.path("data/celebahq"), withIntermediateDirectories: true)
        let common = ["--dry-run", "--profiles", repositoryProfiles.path, "--results", scratch.path("results").path]
        let data = ["--data-root", scratch.path("data").path]
        for (name, arguments, expected) in [
            ("seeds", ["--seeds", "4-2"] + data + common, "backwards"),
            ("methods", ["--methods", "stargn"] + data + common, "unknown method \"stargn\""),
            ("profile", ["--profile", "nosuch"] + data + common, "profile 'nosuch' not found"),
            ("data", ["--data-root", scratch.path("none").path] + common, "no dataset at \(scratch.path("none").path)/celebahq"),
            ("scheduler", ["--scheduler", "pbs"] + data + common, "pbs"),
            ("workers", ["--workers", "0"] + data + common, "--workers must be between 1 and 256"),
            ("manifest", ["run-task", "--manifest", scratch.path("missing.json").path, "--index", "0"], "no sweep manifest at"),
        ] {
            let outcome = try Self.sweep(arguments, in: scratch, name: name)
            #expect(outcome.status != 0, "\(name)")
            #expect(outcome.output.contains(expected), "\(name): \(outcome.output)")
        }
    }
}
