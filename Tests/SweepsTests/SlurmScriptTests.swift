import Experiments
import Foundation
import Sweeps
import Testing
import TestSupport

@Suite struct SlurmScriptTests {
    @Test func rendersTheGoldenScript() {
        let script = SlurmScript(jobName: "bilgan-sweep-smoke", taskCount: 4,
                                 resources: SweepResources(cpusPerTask: 1, memoryGB: 2, timeMinutes: 15), maxConcurrent: 2,
                                 partition: "debug", workingDirectory: "/work/repo", logDirectory: "/work/repo/results/sweeps/s/logs",
                                 sweepExecutable: "/work/repo/.build/release/sweep",
                                 manifestPath: "/work/repo/results/sweeps/it's/manifest.json",
                                 summary: "4 runs of profile smoke on celebahq, seeds 0-1")
        #expect(script.render() == """
            #!/bin/bash
            # BiL-GAN harness sweep: 4 runs of profile smoke on celebahq, seeds 0-1; one array task per run (train, then evaluate).
            # Task i runs entry i of the manifest; each task writes its own SQLite shard (see the manifest).
            # Afterwards: report merge <results>/shards/*.sqlite  (docs/sweeps.md)
            #SBATCH --job-name=bilgan-sweep-smoke
            #SBATCH --array=0-3%2
            #SBATCH --cpus-per-task=1
            #SBATCH --mem=2G
            #SBATCH --time=15
            #SBATCH --partition=debug
            #SBATCH --chdir=/work/repo
            #SBATCH --output=/work/repo/results/sweeps/s/logs/%A_%a.log
            set -euo pipefail
            export HARNESS_THREADS="${SLURM_CPUS_PER_TASK:-1}"
            exec '/work/repo/.build/release/sweep' run-task --manifest '/work/repo/results/sweeps/it'\\''s/manifest.json' --index "$SLURM_ARRAY_TASK_ID"

            """)
    }

    @Test func withoutOptionsTheScriptHasNoPartitionOrLimit() {
        let text = SlurmScript(jobName: "j", taskCount: 1, resources: .standard, workingDirectory: "/w", logDirectory: "/w/l",
                               sweepExecutable: "/b/sweep", manifestPath: "/m.json", summary: "1 run").render()
        #expect(text.contains("#SBATCH --array=0-0\n"))
        #expect(!text.contains("--partition"))
        #expect(text.contains("#SBATCH --cpus-per-task=2\n#SBATCH --mem=8G\n#SBATCH --time=240\n"))
    }

    @Test func profilesCarryTheirSweepResources() throws {
        let smoke = try Profile.load("smoke", directory: repositoryProfiles)
        #expect(smoke.sweep == SweepResources(cpusPerTask: 1, memoryGB: 2, timeMinutes: 15))
        for name in ["default", "paper"] {
            #expect(try Profile.load(name, directory: repositoryProfiles).sweep.problems().isEmpty)
        }
    }

    @Test func aBadSweepSectionNamesTheFileAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try Data(#"{"name": "bad", "methods": {}, "sweep": {"cpusPerTask": 0, "memoryGB": 2, "timeMinutes": 15}}"#.utf8).write(to: file)
        do { _ = try Profile.load(file.path, directory: dir); Issue.record("accepted") } catch {
            #expect("\(error)".contains("bad.json") && "\(error)".contains("sweep.cpusPerTask must be between 1 and 256, got 0"), "\(error)")
        }
    }
}
