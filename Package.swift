// swift-tools-version: 6.0
// The BiL-GAN benchmark harness. Targets follow the house layering (see README "Code layout"):
// system modules → Kernels → TensorCore → NN → Imaging/Datasets/SynthFaces → Metrics/Store → executables.
// A target low in this list never imports one above it.
import PackageDescription

/// Release builds of numeric code: optimise for this machine's vector units only when asked
/// (`HARNESS_NATIVE=1`), so that a build stays portable by default.
let nativeFlags: [SwiftSetting] = []

let package = Package(
    name: "BiLGANHarness",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "NN", targets: ["NN"]),
        .executable(name: "tensor-bench", targets: ["TensorBench"]),
        .executable(name: "synthfaces", targets: ["SynthFacesTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", providers: [.apt(["libjpeg-dev"])]),

        // MARK: Tensor core and neural-network library (issue: foundation)
        .target(name: "Kernels", dependencies: ["COpenBLAS"], swiftSettings: nativeFlags),
        .target(name: "TensorCore", dependencies: ["Kernels"], swiftSettings: nativeFlags),
        .target(name: "NN", dependencies: ["TensorCore", "Kernels"], swiftSettings: nativeFlags),
        /// The paper-table networks shared by several methods (StarGAN's G is BiL-GAN's G1).
        .target(name: "Networks", dependencies: ["NN", "TensorCore"]),

        // MARK: Imaging and data (issue: SynthFaces)
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"],
                linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]),
        .target(name: "Imaging", dependencies: ["CPNG", "CJPEG", "CImageCodecs", "TensorCore"]),
        .target(name: "SynthFaces", dependencies: ["Imaging", "Datasets", "TensorCore"]),
        .target(name: "Datasets", dependencies: ["Imaging", "TensorCore"]),
        .executableTarget(name: "SynthFacesTool",
                          dependencies: ["SynthFaces", "Datasets", "Imaging",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TensorCore", "TestSupport"]),
        .testTarget(name: "SynthFacesTests", dependencies: ["SynthFaces", "Datasets", "Imaging", "NN", "TensorCore"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "SynthFaces", "Imaging", "TensorCore", "TestSupport"]),

        // MARK: Network-free evaluators and the results store (issue: evaluators)
        .target(name: "Metrics", dependencies: ["COpenBLAS"]),
        .target(name: "ResultsStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "report",
                          dependencies: ["ResultsStore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/ReportCommand"),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "ResultsStoreTests", dependencies: ["ResultsStore"]),

        // MARK: Executables (thin)
        .executableTarget(name: "TensorBench",
                          dependencies: ["TensorCore", "NN", "Networks",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "bench/TensorBench"),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["TensorCore"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "Kernels", "TestSupport"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Networks", "TensorCore", "TestSupport"]),
    ]
)
