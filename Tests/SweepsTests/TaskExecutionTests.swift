import Foundation
import Sweeps
import Testing

@Suite struct TaskExecutionTests {
    static let manifest = SweepManifest(profile: "smoke", dataset: "celebahq", dataRoot: "/d", results: "/r", profiles: "/p",
                                        binDirectory: "/b", tasks: [])

    static func task(_ method: String, _ variant: String) -> SweepTask {
        let key = "\(method)-\(variant)-celebahq-smoke-seed3"
        return SweepTask(method: method, variant: variant, seed: 3, key: key, shard: "/r/shards/\(key).sqlite")
    }

    @Test func aBaselineTrainsThenEvaluatesIntoItsShard() {
        let steps = TaskExecution.steps(for: Self.task("stargan", "default"), in: Self.manifest)
        let common = ["--dataset", "celebahq", "--seed", "3", "--data-root", "/d", "--profile", "smoke", "--results", "/r",
                      "--profiles", "/p", "--database", "/r/shards/stargan-default-celebahq-smoke-seed3.sqlite", "--quiet"]
        #expect(steps == [
            .init(executable: "train", arguments: ["--method", "stargan", "--variant", "default"] + common, lock: nil),
            .init(executable: "evaluate", arguments: ["--method", "stargan", "--variant", "default"] + common,
                  lock: "/r/locks/evaluate-celebahq.lock"),
        ])
    }

    @Test func bilganTrainsItsSharedAuxiliaryRunFirstUnderALock() {
        let steps = TaskExecution.steps(for: Self.task("bilgan", "mine"), in: Self.manifest)
        #expect(steps.map(\.executable) == ["train", "train", "evaluate"])
        #expect(Array(steps[0].arguments.prefix(2)) == ["--method", "bilgan-aux"])
        #expect(steps[0].lock == "/r/locks/bilgan-aux-celebahq-seed3.lock")
        #expect(Array(steps[1].arguments.prefix(4)) == ["--method", "bilgan", "--variant", "mine"])
        #expect(steps.allSatisfy { $0.arguments.contains("/r/shards/bilgan-mine-celebahq-smoke-seed3.sqlite") })
    }

    @Test func anIndexOutsideTheManifestIsAnError() throws {
        var manifest = Self.manifest
        manifest.tasks = [Self.task("stargan", "default")]
        #expect(throws: SweepError.self) { try manifest.task(at: 1) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: dir) }
        try manifest.encoded().write(to: dir)
        #expect(try SweepManifest.load(dir.path) == manifest)
        do { _ = try SweepManifest.load(dir.path + ".missing"); Issue.record("loaded") } catch {
            #expect("\(error)".contains(".missing"))
        }
    }
}
