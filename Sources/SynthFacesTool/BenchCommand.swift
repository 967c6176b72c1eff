import ArgumentParser
import CommandLineSupport
import Foundation
import SynthFaces
import TensorCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time single-core rendering of random CelebA-HQ-like faces at several resolutions.")

    /// Documented ranges of the numeric flags.
    enum Limits {
        static let size = 16...1024
        static let count = 1...10_000
        static let supersampling = 1...8
    }

    @Option(help: "Resolutions, comma separated (each \(FlagValidation.describe(Limits.size))).")
    var sizes = "64,128,256,512"
    @Option(help: "Faces per resolution (\(FlagValidation.describe(Limits.count))).")
    var count = 20
    @Option(help: "Samples per pixel side (default: 2 up to 128², 1 above; \(FlagValidation.describe(Limits.supersampling))).")
    var supersampling: Int?

    func validate() throws {
        _ = try resolutions()
        try FlagValidation.require(count, in: Limits.count, flag: "--count")
        try FlagValidation.require(supersampling, in: Limits.supersampling, flag: "--supersampling")
    }

    func resolutions() throws -> [Int] { try FlagValidation.integers(sizes, in: Limits.size, flag: "--sizes") }

    /// CPU time of this thread, less sensitive than wall time to other work on the machine.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    func run() throws {
        let sampler = SceneSampler(configuration: .embeddedDefault)
        for size in try resolutions() {
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
