import Foundation
import Sweeps
import Testing

@Suite struct SweepPlanTests {
    @Test func allIsTheBaselinesAndBiLGANsSevenVariants() throws {
        let runs = try SweepPlan.runs(methods: "all")
        #expect(runs.map { "\($0.method.rawValue):\($0.variant)" } == [
            "stargan:default", "cyclegan:default", "icgan:default", "bilgan:full", "bilgan:single-phase", "bilgan:progressive",
            "bilgan:ordinary-regularization", "bilgan:no-mutual-info", "bilgan:mine", "bilgan:cycle"])
        let tasks = try SweepPlan.tasks(methods: "all", seeds: [0, 1, 2, 3, 4], dataset: "celebahq", profile: "default",
                                        results: URL(fileURLWithPath: "/r"))
        #expect(tasks.count == 50)
        #expect(Set(tasks.map(\.key)).count == 50)
        #expect(tasks[0].key == "stargan-default-celebahq-default-seed0")
        #expect(tasks[0].shard == "/r/shards/stargan-default-celebahq-default-seed0.sqlite")
        #expect(tasks[5].key == "cyclegan-default-celebahq-default-seed0")
    }

    @Test func oneVariantAndDuplicates() throws {
        #expect(try SweepPlan.runs(methods: "bilgan:mine,stargan,bilgan:mine").map(\.variant) == ["mine", "default"])
        #expect(try SweepPlan.runs(methods: "bilgan").count == 7)
    }

    @Test func unknownMethodsAndVariantsAreRefused() {
        for (text, fragment) in [("stargn", "unknown method \"stargn\""), ("bilgan-aux", "unknown method"),
                                 ("bilgan:best", "no variant \"best\""), ("stargan:full", "no variant"), ("", "unknown method")] {
            do { _ = try SweepPlan.runs(methods: text); Issue.record("\(text) accepted") } catch {
                #expect("\(error)".contains(fragment), "\(text): \(error)")
            }
        }
    }
}
