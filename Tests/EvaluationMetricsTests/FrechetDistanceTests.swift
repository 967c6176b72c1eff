import Foundation
import EvaluationMetrics
import Testing

@Suite struct FrechetDistanceTests {
    static func statistics(_ rows: Int, _ columns: Int, _ rng: inout NumPyRandomState) throws -> GaussianStatistics {
        try GaussianStatistics(features: FeatureMatrix(rows: rows, columns: columns, values: rng.randn(rows, columns)))
    }

    /// Test vector 1 (pytorch-fid `test_calculate_fid_given_statistics`): μ = 0 vs 1, Σ = I, 2048-d.
    @Test(arguments: FrechetDistance.Route.allCases)
    func unitShiftOfIdentityGaussiansIs2048(route: FrechetDistance.Route) throws {
        let d = 2048
        var identity = [Double](repeating: 0, count: d * d)
        for i in 0..<d { identity[i * d + i] = 1 }
        let a = try GaussianStatistics(mean: [Double](repeating: 0, count: d), covariance: identity, sampleCount: 10_000)
        let b = try GaussianStatistics(mean: [Double](repeating: 1, count: d), covariance: identity, sampleCount: 10_000)
        let result = try FrechetDistance.compute(a, b, route: route)
        #expect(result.value == 2048)
        #expect(!result.usedEpsilonRetry)
    }

    /// Test vector 2 (pytorch-fid `test_compute_statistics_of_path`): three images of 0, 127, 255 through a
    /// mean-pool "model" on x/255 give μ ≈ 0.5 and Σ ≈ 0.25 everywhere (N − 1 in the covariance).
    @Test func statisticsOfThreeFlatImages() throws {
        let features = try FeatureMatrix(vectors: [0.0, 127, 255].map { v in [Double](repeating: v / 255, count: 3) })
        let stats = try GaussianStatistics(features: features)
        #expect(stats.mean.allSatisfy { abs($0 - 0.5) < 1e-3 })
        #expect(stats.covariance.allSatisfy { abs($0 - 0.25) < 1e-3 })
        #expect(abs(stats.covariance[0] - 0.250_001_281_558_375) < 1e-12) // NumPy np.cov: Σ(v − v̄)²/2, not /3
    }

    /// Test vector 3 (torch-fidelity `test_fid_stats_fn.py`): RandomState(2023).randn(N, C) twice for
    /// N = 2…32768 and C = 2…256 (120 cases). The default (complex-eigenvalue) route agrees with scipy's
    /// sqrtm route to 1e-5 everywhere. The symmetric route agrees with the exact value (singular values of
    /// R1R2ᵀ) to 1e-5 everywhere and with scipy where the covariances are non-singular (N > C); on singular
    /// ones scipy itself is up to 6e-5 from the exact value.
    @Test func agreesWithScipySqrtmOnTorchFidelityGrid() throws {
        let file = try MetricFixtures.load("fid", as: MetricFixtures.FIDFile.self)
        #expect(file.grid.count == 120)
        var worstScipy = [FrechetDistance.Route: Double](), worstExact = [FrechetDistance.Route: Double]()
        for c in file.grid {
            var rng = NumPyRandomState(seed: c.seed)
            let first = rng.randn(c.n, c.c), second = rng.randn(c.n, c.c)
            #expect(first[0] == c.firstFeature && second.last == c.lastFeature, "N=\(c.n) C=\(c.c): RandomState port drifted")
            let a = try GaussianStatistics(features: FeatureMatrix(rows: c.n, columns: c.c, values: first))
            let b = try GaussianStatistics(features: FeatureMatrix(rows: c.n, columns: c.c, values: second))
            for route in FrechetDistance.Route.allCases {
                let fid = try FrechetDistance.compute(a, b, route: route).value
                let scipyError = abs(fid - c.sqrtm), exactError = abs(fid - c.exact)
                worstExact[route] = max(worstExact[route] ?? 0, exactError)
                #expect(fid.isFinite && exactError < 1e-4, "\(route) N=\(c.n) C=\(c.c): \(fid) vs exact \(c.exact)")
                if route == .complexEigen || c.n > c.c {
                    worstScipy[route] = max(worstScipy[route] ?? 0, scipyError)
                    #expect(scipyError < 1e-5, "\(route) N=\(c.n) C=\(c.c): \(fid) vs scipy \(c.sqrtm)")
                }
                if route == .symmetricEigen { #expect(exactError < 1e-5, "N=\(c.n) C=\(c.c): \(fid) vs exact \(c.exact)") }
            }
        }
        for route in FrechetDistance.Route.allCases {
            print("FID \(route): max |Δ| vs scipy sqrtm \(worstScipy[route] ?? .nan)\(route == .symmetricEigen ? " (N > C)" : ""), vs exact \(worstExact[route] ?? .nan)")
        }
    }

    /// torch-fidelity's (N = 4, C = 4, seed = 1) case, where real eigenvalues of Σ1Σ2 made NaN.
    @Test(arguments: FrechetDistance.Route.allCases)
    func smallIllConditionedCaseIsNotNaN(route: FrechetDistance.Route) throws {
        let c = try MetricFixtures.load("fid", as: MetricFixtures.FIDFile.self).nanCase
        var rng = NumPyRandomState(seed: c.seed)
        let a = try Self.statistics(c.n, c.c, &rng), b = try Self.statistics(c.n, c.c, &rng)
        let fid = try FrechetDistance.compute(a, b, route: route).value
        #expect(fid.isFinite && abs(fid - c.sqrtm) < 1e-6)
        #expect(abs(fid - c.eig) < 1e-6)
    }

    /// Degenerate covariances: all features equal on one side (Σ1 = 0) leaves ‖Δμ‖² + tr Σ2, and two
    /// rank-one covariances (N = 2) still give a finite value, equal on both routes to 1e-5.
    @Test func degenerateCovariances() throws {
        let constant = try FeatureMatrix(vectors: [[1.0, 2, 3], [1, 2, 3], [1, 2, 3]])
        let other = try FeatureMatrix(vectors: [[0.0, 0, 0], [2, 0, 1], [0, 4, 1]])
        let a = try GaussianStatistics(features: constant), b = try GaussianStatistics(features: other)
        let expected = zip(a.mean, b.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            + (0..<3).reduce(0) { $0 + b.covariance[$1 * 3 + $1] }
        for route in FrechetDistance.Route.allCases {
            #expect(abs(try FrechetDistance.compute(a, b, route: route).value - expected) < 1e-12)
        }
        var rng = NumPyRandomState(seed: 3)
        let c = try Self.statistics(2, 64, &rng), d = try Self.statistics(2, 64, &rng)
        let symmetric = try FrechetDistance.compute(c, d, route: .symmetricEigen).value
        let complex = try FrechetDistance.compute(c, d, route: .complexEigen).value
        // √ of rounding-level eigenvalues (~1e-16 → 1e-8 each) is the inherent noise here; 1e-5 as the grid.
        #expect(symmetric.isFinite && abs(symmetric - complex) < 1e-5)
    }

    @Test func badStatisticsAreRejected() throws {
        #expect(throws: MetricError.self) { try GaussianStatistics(features: FeatureMatrix(rows: 1, columns: 2, values: [1, 2])) }
        #expect(throws: MetricError.self) { try GaussianStatistics(mean: [0, 0], covariance: [1, 0.5, 0, 1], sampleCount: 10) }
        #expect(throws: MetricError.self) { try GaussianStatistics(mean: [0, 0], covariance: [1, 0, 0], sampleCount: 10) }
        #expect(throws: MetricError.self) { try FeatureMatrix(rows: 1, columns: 2, values: [1, .infinity]) }
        let a = try GaussianStatistics(mean: [0], covariance: [1], sampleCount: 10)
        let b = try GaussianStatistics(mean: [0, 0], covariance: [1, 0, 0, 1], sampleCount: 10)
        #expect(throws: MetricError.self) { try FrechetDistance.compute(a, b) }
    }
}
