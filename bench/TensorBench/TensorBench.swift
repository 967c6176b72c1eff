import ArgumentParser
import CommandLineSupport
import Experiments
import Foundation
import Kernels
import EvaluationMetrics
import NN
import Networks
import TensorCore

/// `make bench`: the tensor core against PyTorch CPU, measured in one run: tensor-op cases with ratios
/// and the achieved GFLOP/s beside this machine's sgemm peak, each method's training throughput at a
/// profile (`TrainingRow`), the peak memory of a StarGAN iteration (`PeakMemory`), and the inference
/// forward of the evaluator networks (`EvaluatorForward`).
@main
struct TensorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tensor-bench",
        abstract: "Times the tensor core against PyTorch CPU on StarGAN-shaped work and prints the ratios.")

    /// OpenBLAS's kernels are chosen (and the process restarted if need be) before anything else runs.
    static func main() {
        BLASKernelSelection.ensureBestKernel()
        main(nil)
    }

    @Flag(help: "Smaller shapes (batch 4, 64² images; training and memory rows at the smoke profile; evaluator forwards at batch 2-4): a smoke run in seconds.")
    var quick = false

    enum Section: String, CaseIterable, ExpressibleByArgument {
        case ops, training, memory, bilgan, evaluators
    }

    @Option(help: "Run only these sections (repeatable): ops (tensor operations), training (images/s per method), memory (StarGAN peak memory), bilgan (phase-1 and phase-2 iteration cost per loss term), evaluators (FID Inception-v3 and Light CNN-29 v2 inference forward).")
    var only: [Section] = []

    @Option(help: "Profile of the training rows, a name in profiles/ or a JSON path (default: default; smoke with --quick).")
    var trainingProfile: String?

    @Option(help: "Profile of the memory row, a name in profiles/ or a JSON path (default: paper, i.e. batch 16, 128², paper widths; smoke with --quick).")
    var memoryProfile: String?

    @Option(help: "Seed of the training and memory rows' weights, batches and draws.")
    var seed: UInt64 = 0

    @Option(help: .hidden)
    var memoryChild: String?

    @Option(help: "Timed repetitions per case (median reported; the training iteration uses half, the evaluator forwards at most 3; 1 to 1000).")
    var repeats = 5

    @Option(help: "Python interpreter with PyTorch for the side-by-side numbers.")
    var python = "python3"

    @Flag(help: "Skip PyTorch even if it is installed.")
    var noTorch = false

    @Flag(help: "Print the forward and backward time of each layer of StarGAN's generator and stop.")
    var profileLayers = false

    @Option(help: "Time the three convolution kernels of one geometry N,C,H,W,K,k,s,p and stop.")
    var profileConv: String?

    @Flag(help: "Print the CPU's features, the OpenBLAS kernels in use and the sgemm peak, and stop.")
    var blasInfo = false

    func validate() throws {
        try FlagValidation.require(repeats, in: 1...1000, flag: "--repeats")
        if let profileConv { _ = try ConvolutionProfile.geometry(profileConv) }
        _ = try profile(trainingProfile, quickDefault: "smoke", fullDefault: "default", flag: "--training-profile")
        _ = try profile(memoryProfile, quickDefault: "smoke", fullDefault: "paper", flag: "--memory-profile")
        if let memoryChild {
            do { _ = try TrainingRow.named(memoryChild) } catch let error as ExperimentError {
                throw ValidationError("--memory-child: \(error.description)")
            }
        }
    }

    /// profiles/ of this checkout (the bench runs from its build folder or the repository root).
    static let profilesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("profiles")

    func profile(_ given: String?, quickDefault: String, fullDefault: String, flag: String) throws -> Profile {
        do {
            return try Profile.load(given ?? (quick ? quickDefault : fullDefault), directory: Self.profilesDirectory)
        } catch let error as ExperimentError {
            throw ValidationError("\(flag): \(error.description)")
        }
    }

    func run() throws {
        let batch = quick ? 4 : 16, size = quick ? 64 : 128
        if profileLayers { LayerProfile.run(batch: batch, size: size); return }
        if let profileConv { try ConvolutionProfile.run(profileConv); return }
        if blasInfo {
            print(Self.blasSummary)
            var rng = RandomGenerator(seed: 0)
            print(String(format: "sgemm peak (2048³, %d workers): %.1f GFLOP/s", Parallel.workerCount, sgemmPeak(generator: &rng)))
            return
        }
        if let memoryChild {
            try PeakMemory.child(row: try TrainingRow.named(memoryChild),
                                 profile: try profile(memoryProfile, quickDefault: "smoke", fullDefault: "paper", flag: "--memory-profile"), seed: seed)
            return
        }
        let sections = only.isEmpty ? Section.allCases : only
        let torchPython = !noTorch && TorchPeer.available(python: python) ? python : nil
        if sections.contains(.ops) { try runOps(batch: batch, size: size) }
        if sections.contains(.training) {
            _ = try TrainingThroughput.run(profile: try profile(trainingProfile, quickDefault: "smoke", fullDefault: "default", flag: "--training-profile"),
                                           seed: seed, repeats: repeats, torchPython: torchPython)
        }
        if sections.contains(.memory) {
            try PeakMemory.run(method: "stargan", profile: try profile(memoryProfile, quickDefault: "smoke", fullDefault: "paper", flag: "--memory-profile"),
                               seed: seed, torchPython: torchPython)
        }
        if sections.contains(.bilgan) {
            try BiLGANIterationCost.run(profile: try profile(trainingProfile, quickDefault: "smoke", fullDefault: "default", flag: "--training-profile"),
                                        seed: seed, repeats: repeats)
        }
        if sections.contains(.evaluators) {
            _ = EvaluatorForward.run(quick: quick, seed: seed, repeats: min(repeats, 3), torchPython: torchPython)
        }
        if !sections.contains(.ops) { print("\n" + Self.blasSummary) }
    }

    /// The tensor-operation cases and the StarGAN iteration of the bench's own (1 D + 1 G step).
    func runOps(batch: Int, size: Int) throws {
        // PyTorch first, on a machine our own run has not warmed or loaded.
        let torch = noTorch ? nil : TorchPeer.run(quick: quick, threads: Parallel.workerCount, repeats: repeats, python: python)
        var rng = RandomGenerator(seed: 0)
        print("tensor-bench: batch \(batch), \(size)², \(Parallel.workerCount) workers\(quick ? " (quick)" : "")")

        // Machine peak: sgemm 2048³ split over the workers.
        let peak = sgemmPeak(generator: &rng)
        var ours: [(String, Double, Double?)] = []   // (case, seconds, flops)

        let x = Tensor.normal([batch, 256, 32, 32], generator: &rng)
        let w = Tensor.normal([256, 256, 3, 3], std: 0.02, generator: &rng)
        let convFlops = 2.0 * Double(batch) * 256 * 256 * 9 * 1024
        ours.append(("conv2d_forward", Timing.median(repeats: repeats) { _ = conv2d(x, weight: w, padding: (1, 1)) }, convFlops))
        let xg = x.requiringGradient(), wg = w.requiringGradient()
        let y = conv2d(xg, weight: wg, padding: (1, 1))
        let gy = Tensor.normal(y.shape, generator: &rng)
        ours.append(("conv2d_backward", Timing.median(repeats: repeats) { _ = gradients(of: y, wrt: [xg, wg], seed: gy) }, 2 * convFlops))

        let xi = Tensor.normal([batch, 64, size, size], generator: &rng).requiringGradient()
        let gamma = Tensor.ones([64]).requiringGradient(), beta = Tensor.zeros([64]).requiringGradient()
        let gi = Tensor.normal(xi.shape, generator: &rng)
        ours.append(("instance_norm_fwd_bwd", Timing.median(repeats: repeats) {
            let yi = instanceNorm(xi, weight: gamma, bias: beta)
            _ = gradients(of: yi, wrt: [xi, gamma, beta], seed: gi)
        }, nil))

        let step = StarGANIteration(imageSize: size, seed: 0)
        let images = Tensor.uniform([batch, 3, size, size], low: -1, high: 1, generator: &rng)
        let labels = Tensor(shape: [batch, 5], scalars: (0..<(batch * 5)).map { _ in rng.bernoulli(0.5) ? 1 : 0 })
        let perm = rng.permutation(batch)
        let target = Tensor(shape: [batch, 5], scalars: perm.flatMap { Array(labels.scalars[($0 * 5)..<($0 * 5 + 5)]) })
        ours.append(("generator_forward", Timing.median(repeats: max(2, repeats / 2)) {
            _ = step.generator(images, labels: target)
        }, nil))
        var losses = (Float(0), Float(0))
        ours.append(("stargan_iteration", Timing.median(repeats: max(2, repeats / 2)) {
            losses = step.run(real: images, originalLabels: labels, targetLabels: target)
        }, nil))
        print(String(format: "  last iteration: D loss %.4f, G loss %.4f", losses.0, losses.1))

        // MS-SSIM of one 256² RGB pair (the paper's evaluation size): Table 2 scores thousands of them.
        let pixels = (0..<(2 * 3 * 256 * 256)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) }
        let first = try ImagePlanes(Array(pixels[..<(3 * 256 * 256)]), layout: .interleaved, channels: 3, height: 256, width: 256)
        let second = try ImagePlanes(Array(pixels[(3 * 256 * 256)...]), layout: .interleaved, channels: 3, height: 256, width: 256)
        ours.append(("ms_ssim_256_rgb_pair", Timing.median(repeats: repeats) {
            _ = try? StructuralSimilarity.multiScale(first, second, dataRange: 255)
        }, nil))

        printTable(ours, torch: torch, peak: peak)
    }

    /// "CPU: … | OpenBLAS kernels: Haswell (…)": what the sgemm peak was measured with.
    static var blasSummary: String {
        let environment = ProcessInfo.processInfo.environment
        let how = environment[BLASKernelSelection.coreTypeVariable].map { "\(BLASKernelSelection.coreTypeVariable)=\($0)" }
            ?? "OpenBLAS's own choice"
        let state = environment[BLASKernelSelection.stateVariable].map { ", \($0)" } ?? ""
        return "CPU: \(CPUFeatures.current)\nOpenBLAS kernels: \(BLASKernelSelection.reportedCore) (\(how)\(state))"
    }

    func sgemmPeak(generator: inout RandomGenerator) -> Double {
        let n = 2048
        let a = Tensor.uniform([n, n], generator: &generator), b = Tensor.uniform([n, n], generator: &generator)
        let seconds = Timing.median(repeats: 3) { _ = withoutGradients { matmul(a, b) } }
        return 2 * Double(n * n * n) / seconds / 1e9
    }

    func printTable(_ ours: [(String, Double, Double?)], torch: TorchPeer.Result?, peak: Double) {
        print(String(format: "\nmachine sgemm peak (OpenBLAS, 2048³, %d workers): %.1f GFLOP/s", Parallel.workerCount, peak))
        print(Self.blasSummary)
        if let torch { print("PyTorch: \(torch.meta)") }
        else if !noTorch {
            print("PyTorch not found: install it to compare (pip install torch --index-url https://download.pytorch.org/whl/cpu)")
        }
        let header = ["case", "ours (s)", "PyTorch (s)", "ratio", "ours GFLOP/s", "PyTorch GFLOP/s"]
        var rows: [[String]] = []
        for (name, seconds, flops) in ours {
            let t = torch?.seconds[name]
            rows.append([
                name, String(format: "%.4f", seconds), t.map { String(format: "%.4f", $0) } ?? "–",
                t.map { String(format: "%.2f", seconds / $0) } ?? "–",
                flops.map { String(format: "%.1f", $0 / seconds / 1e9) } ?? "",
                flops.flatMap { f in t.map { String(format: "%.1f", f / $0 / 1e9) } } ?? "",
            ])
        }
        print("")
        TextTable.print(header: header, rows: rows)
        print("""

            ratio = ours / PyTorch (≤ 1.00: as fast or faster). GFLOP/s count direct-convolution flops
            (2·N·K·C·k²·H·W); our 3×3 stride-1 convolutions use Winograd F(2×2, 3×3), which needs 2.25×
            fewer multiplications, so that column can exceed the sgemm peak.
            """)
    }
}
