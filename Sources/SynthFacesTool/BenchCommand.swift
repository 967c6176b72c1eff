import ArgumentParser
import Foundation
import SynthFaces
import TensorCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time single-core rendering of random CelebA-HQ-like faces at several resolutions.")

    @Option(help: "Resolutions, comma separated.")
    var sizes = "64,128,256,512"
    @Option(help: "Faces per resolution.")
    var count = 20
    @Option(help: "Samples per pixel side (default: 2 up to 128², 1 above).")
    var supersampling: Int?

    /// CPU time of this thread, less sensitive than wall time to other work on the machine.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    func run() throws {
        let sampler = SceneSampler(configuration: .embeddedDefault)
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            _ = FaceRenderer.render(sampler.celebAHQScene(0), size: size, supersampling: supersampling)
            let start = Date(), cpuStart = Self.threadCPUSeconds()
            for k in 0..<count { _ = FaceRenderer.render(sampler.celebAHQScene(k), size: size, supersampling: supersampling) }
            let wall = Date().timeIntervalSince(start) / Double(count) * 1000
            let cpu = (Self.threadCPUSeconds() - cpuStart) / Double(count) * 1000
            print("\(size)×\(size): \(String(format: "%.1f", cpu)) ms CPU, \(String(format: "%.1f", wall)) ms wall per face "
                  + "(one thread, supersampling \(supersampling.map(String.init) ?? "default"))")
        }
    }
}
