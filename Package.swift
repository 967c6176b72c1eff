// swift-tools-version: 6.0
// The BiL-GAN benchmark harness. Targets follow the house layering (see README "Code layout"):
// system modules → Kernels → TensorCore → NN → Imaging/Datasets/SynthFaces → EvaluationMetrics/Store → executables.
// A target low in this list never imports one above it.
import Foundation
import PackageDescription

/// Numeric targets are compiled for Haswell-level x86-64 (AVX2 + FMA, every x86 CPU since 2013–2015): Swift's
/// default is SSE2, which halves the width of every SIMD loop and has no fused multiply-add.
/// `HARNESS_PORTABLE=1 swift build` builds for the baseline instead. Other architectures use their default.
#if arch(x86_64)
let vectorFlags: [SwiftSetting] = ProcessInfo.processInfo.environment["HARNESS_PORTABLE"] == "1"
    ? [] : [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let vectorFlags: [SwiftSetting] = []
#endif

/// The raw-buffer kernels are also compiled without integer-overflow and precondition checks in
/// release builds: their index arithmetic is bounded by tensor sizes validated in TensorCore.
let kernelFlags: [SwiftSetting] = vectorFlags + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
    name: "BiLGANHarness",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "NN", targets: ["NN"]),
        .executable(name: "tensor-bench", targets: ["TensorBench"]),
        .executable(name: "synthfaces", targets: ["SynthFacesTool"]),
        .executable(name: "train", targets: ["train"]),
        .executable(name: "study", targets: ["StudyCommand"]),
        .executable(name: "evaluate", targets: ["EvaluateCommand"]),
        .executable(name: "sweep", targets: ["SweepCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        /// Already in Hummingbird's graph; named here because the study server shuts down through it.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", providers: [.apt(["libjpeg-dev"])]),
        /// CPUID/XGETBV for choosing OpenBLAS kernels by feature bits (Kernels/KernelSelection).
        .target(name: "CCPUID"),

        // MARK: Tensor core and neural-network library (issue: foundation)
        .target(name: "Kernels", dependencies: ["COpenBLAS", "CCPUID"], swiftSettings: kernelFlags),
        .target(name: "TensorCore", dependencies: ["Kernels"], swiftSettings: vectorFlags),
        .target(name: "NN", dependencies: ["TensorCore", "Kernels"], swiftSettings: vectorFlags),
        /// The paper-table networks shared by several methods (StarGAN's G is BiL-GAN's G1).
        .target(name: "Networks", dependencies: ["NN", "TensorCore"], swiftSettings: vectorFlags),

        // MARK: Imaging and data (issue: SynthFaces)
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"],
                linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]),
        .target(name: "Imaging", dependencies: ["CPNG", "CJPEG", "CImageCodecs", "TensorCore"], swiftSettings: vectorFlags),
        .target(name: "SynthFaces", dependencies: ["Imaging", "Datasets", "TensorCore"], swiftSettings: vectorFlags),
        .target(name: "Datasets", dependencies: ["Imaging", "TensorCore"], swiftSettings: vectorFlags),
        .executableTarget(name: "SynthFacesTool",
                          dependencies: ["SynthFaces", "Datasets", "Imaging", "Kernels", "CommandLineSupport",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TensorCore", "TestSupport"]),
        .testTarget(name: "SynthFacesTests", dependencies: ["SynthFaces", "Datasets", "Imaging", "NN", "TensorCore"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "SynthFaces", "Imaging", "TensorCore", "TestSupport"]),

        // MARK: Network-free evaluators and the results store (issue: evaluators)
        .target(name: "EvaluationMetrics", dependencies: ["COpenBLAS"], swiftSettings: vectorFlags),
        .target(name: "ResultsStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "report",
                          dependencies: ["ResultsStore", "Kernels", "CommandLineSupport",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/ReportCommand"),
        .testTarget(name: "EvaluationMetricsTests", dependencies: ["EvaluationMetrics", "TensorCore"]),
        .testTarget(name: "ResultsStoreTests", dependencies: ["ResultsStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),

        // MARK: Training and methods (issue 9)
        /// The one training loop (checkpoints, resume, logs, samples, NaN stops) and the shared GAN
        /// pieces (adversarial losses, gradient penalty, image pool, domain labels).
        .target(name: "Training", dependencies: ["NN", "TensorCore", "Datasets", "Imaging"], swiftSettings: vectorFlags),
        .target(name: "StarGAN", dependencies: ["Training", "Networks", "NN", "TensorCore", "Datasets"],
                path: "baselines/StarGAN", swiftSettings: vectorFlags),
        .target(name: "CycleGAN", dependencies: ["Training", "NN", "TensorCore", "Datasets"],
                path: "baselines/CycleGAN", swiftSettings: vectorFlags),
        .target(name: "IcGAN", dependencies: ["Training", "NN", "TensorCore", "Datasets"],
                path: "baselines/IcGAN", swiftSettings: vectorFlags),
        /// Run identity (RunConfig), profiles, datasets by name, the store row and run folder.
        .target(name: "Experiments", dependencies: ["Training", "StarGAN", "CycleGAN", "IcGAN", "BiLGAN", "Datasets", "ResultsStore"]),
        .executableTarget(name: "train",
                          dependencies: ["Experiments", "Training", "Kernels",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/TrainCommand"),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NN", "TensorCore", "Datasets", "Imaging", "TestSupport"]),
        .testTarget(name: "StarGANTests", dependencies: ["StarGAN", "Training", "Networks", "NN", "TensorCore", "Datasets", "TestSupport"]),
        .testTarget(name: "IcGANTests", dependencies: ["IcGAN", "Training", "NN", "TensorCore", "Datasets", "TestSupport"]),
        .testTarget(name: "CycleGANTests", dependencies: ["CycleGAN", "Training", "NN", "TensorCore", "Datasets", "TestSupport"]),
        .testTarget(name: "TrainCommandTests", dependencies: ["Experiments", "Training", "StarGAN", "CycleGAN", "IcGAN", "BiLGAN", "ResultsStore",
                                                              "SynthFaces", "Datasets", "Imaging", "NN", "TensorCore", "TestSupport"]),

        // MARK: Evaluators (issue 11: the networks behind FID, CLAS error and Light CNN rank-1)
        .target(name: "Evaluators", dependencies: ["NN", "TensorCore", "EvaluationMetrics", "Datasets", "Imaging"],
                swiftSettings: vectorFlags),
        .testTarget(name: "EvaluatorsTests", dependencies: ["Evaluators", "NN", "TensorCore", "Datasets", "SynthFaces",
                                                             "Imaging", "EvaluationMetrics", "TestSupport"]),

        /// `evaluate`: finished runs → translations (with the study's manifest) → Table 2 metrics in the store.
        .target(name: "Evaluation", dependencies: ["Experiments", "Evaluators", "EvaluationMetrics", "Study", "SynthFaces",
                                                   "ResultsStore", "Training", "Datasets", "Imaging", "NN", "TensorCore"],
                swiftSettings: vectorFlags),
        .executableTarget(name: "EvaluateCommand",
                          dependencies: ["Evaluation", "Evaluators", "Experiments", "Kernels", "ResultsStore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Evaluators", "Experiments", "EvaluationMetrics",
                                                             "ResultsStore", "Study", "SynthFaces", "Datasets", "Imaging",
                                                             "NN", "TensorCore", "TestSupport"]),

        // MARK: BiL-GAN (issue 10)
        .target(name: "BiLGAN", dependencies: ["Training", "NN", "Networks", "TensorCore", "Evaluators", "Datasets"], swiftSettings: vectorFlags),
        .testTarget(name: "BiLGANTests", dependencies: ["BiLGAN", "Training", "Networks", "NN", "TensorCore", "TestSupport", "Datasets"]),

        // MARK: Sweeps (issue 13: many runs on Slurm or a local worker pool, one results shard per task)
        .target(name: "Sweeps", dependencies: ["Experiments", "ResultsStore"]),
        .executableTarget(name: "SweepCommand",
                          dependencies: ["Sweeps", "Experiments", "ResultsStore", "Kernels",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Experiments", "ResultsStore", "SynthFaces", "TestSupport",
                                                        .product(name: "GRDB", package: "GRDB.swift")]),

        // MARK: User study (issue 12: Table 1)
        /// Translation manifests, blinded pairs, balanced assignments, ground-truth raters.
        .target(name: "Study", dependencies: ["ResultsStore", "Imaging", "EvaluationMetrics", "TensorCore"]),
        /// The rating page (`study serve`): Hummingbird 2 over the store's vote guards.
        .target(name: "StudyServer", dependencies: ["Study", "ResultsStore", .product(name: "Hummingbird", package: "hummingbird"),
                                                  .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .executableTarget(name: "StudyCommand",
                          dependencies: ["Study", "StudyServer", "ResultsStore", "Kernels",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "StudyTests", dependencies: ["Study", "ResultsStore", "SynthFaces", "Imaging", "TensorCore"]),
        .testTarget(name: "StudyServerTests", dependencies: ["StudyServer", "Study", "ResultsStore", "Imaging", "SynthFaces", "TensorCore",
                                                             "TestSupport"]),

        // MARK: Executables (thin)
        /// What every command shares: numeric flag validation against documented ranges.
        .target(name: "CommandLineSupport",
                dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "CommandLineTests", dependencies: ["CommandLineSupport", "Imaging", "TestSupport",
                                                             .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "TensorBench",
                          dependencies: ["TensorCore", "NN", "Networks", "EvaluationMetrics", "CommandLineSupport",
                                         "Experiments", "Training", "Datasets", "StarGAN", "CycleGAN", "IcGAN", "BiLGAN", "Evaluators",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "bench/TensorBench"),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["TensorCore", "NN", "SynthFaces"], path: "Tests/TestSupport"),
        // `make reproduce PROFILE=smoke` through real processes: kill -9 and rerun give the same tables.
        .testTarget(name: "ReproduceTests", dependencies: ["SynthFaces", "TestSupport"]),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "Kernels", "TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Networks", "TensorCore", "TestSupport"]),
    ]
)
