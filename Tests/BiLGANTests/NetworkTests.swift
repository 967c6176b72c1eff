import NN
import Networks
import TensorCore
import Testing
import TestSupport

/// BiL-GAN's networks: G1's feature/head split, G2 (SRGAN back-end) shapes, parameter counts and
/// gradients through PixelShuffle/PReLU, D_uv shapes.
@Suite struct NetworkTests {
    @Test func generatorFeaturesThenHeadEqualsTheWholeGenerator() {
        var rng = RandomGenerator(seed: 1)
        let g1 = StarGANGenerator(convDim: 8, labelCount: 3, residualBlocks: 1, generator: &rng)
        let x = Tensor.uniform([2, 3, 16, 16], low: -1, high: 1, generator: &rng)
        let c = Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 1])
        let features = g1.features(x, labels: c)
        #expect(features.shape == [2, 8, 16, 16])
        #expect(g1.rgbHead(features).scalars == g1(x, labels: c).scalars)
    }

    /// Paper profile: 16 blocks, ×4 (256² → 1024²). Counted from the layer table: head-free trunk of 16 ×
    /// (2 × 3·3·64·64 conv + 2 × BN(64) + PReLU) + tail conv + BN + 2 × (conv 64→256 with bias + PReLU)
    /// + 9×9 conv 64→3 with bias.
    @Test func srganBackEndShapesAndParameterCount() {
        var rng = RandomGenerator(seed: 2)
        let g2 = SRGANBackEnd(channels: 64, residualBlocks: 16, upsamplings: 2, generator: &rng)
        let block = 2 * 9 * 64 * 64 + 2 * 128 + 1
        let expected = 16 * block + (9 * 64 * 64 + 128) + 2 * (9 * 64 * 256 + 256 + 1) + (81 * 64 * 3 + 3)
        #expect(g2.parameterCount == expected)
        let small = SRGANBackEnd(channels: 8, residualBlocks: 2, upsamplings: 1, generator: &rng)
        let y = small(Tensor.normal([2, 8, 6, 6], generator: &rng))
        #expect(y.shape == [2, 3, 12, 12])
        #expect(y.scalars.allSatisfy { $0 > -1 && $0 < 1 })
        #expect(small.namedParameters().map(\.0).contains("upsampling.0.2.weight"), "PReLU slope is a parameter")
    }

    @Test func srganBackEndGradientsMatchFiniteDifferences() {
        var rng = RandomGenerator(seed: 3)
        let g2 = SRGANBackEnd(channels: 4, residualBlocks: 1, upsamplings: 1, generator: &rng)
        g2.eval() // running statistics: the map is a fixed function of the input for the check
        let x = Tensor.normal([1, 4, 3, 3], generator: &rng)
        let slope = g2.upsampling.layers[0] as! Sequential
        let prelu = slope.layers[2] as! PReLU
        let report = GradientCheck.firstOrder({ a in
            prelu.weight.value = a[1]
            return g2(a[0])
        }, at: [x, Tensor(shape: [1], scalars: [0.25])], atol: 2e-3, rtol: 2e-2)
        #expect(report.passed, "\(report)")
    }

    /// **Decision** `g2Init` = `icnr`: every 2×2 block an upsampling block writes is one value per channel
    /// (nearest-neighbour upsampling of one convolution; equal up to the GEMM's summation order) at initialisation, and only those convolutions
    /// differ from PyTorch's default start (same random draws elsewhere). The default is not blockwise.
    @Test func icnrStartsTheSubPixelConvolutionsAsNearestNeighbourUpsampling() {
        func build(_ initialisation: SRGANBackEnd.UpsamplingInitialisation) -> SRGANBackEnd {
            var rng = RandomGenerator(seed: 6)
            return SRGANBackEnd(channels: 4, residualBlocks: 1, upsamplings: 2, upsamplingInit: initialisation, generator: &rng)
        }
        let (icnr, plain) = (build(.icnr), build(.pytorchDefault))
        var rng = RandomGenerator(seed: 7)
        let x = Tensor.normal([2, 4, 5, 5], generator: &rng)
        func blockwise(_ y: Tensor) -> Bool {
            let (n, c, h, w) = (y.shape[0], y.shape[1], y.shape[2], y.shape[3]), v = y.scalars
            for i in 0..<(n * c) { for r in 0..<h { for col in 0..<w 
                where abs(v[(i * h + r) * w + col] - v[(i * h + r / 2 * 2) * w + col / 2 * 2]) > 1e-6 {
                return false
            } } }
            return true
        }
        let firstICNR = icnr.upsampling.layers[0] as! Sequential, firstPlain = plain.upsampling.layers[0] as! Sequential
        #expect(blockwise(firstICNR(x)))
        #expect(!blockwise(firstPlain(x)))
        let icnrWeights = Dictionary(uniqueKeysWithValues: icnr.namedParameters().map { ($0.0, $0.1.value.scalars) })
        for (name, parameter) in plain.namedParameters() {
            let parts = name.split(separator: ".")
            let subPixel = parts[0] == "upsampling" && parts[2] == "0"   // upsampling.k.0: the convolution before PixelShuffle
            #expect((icnrWeights[name] == parameter.value.scalars) == !subPixel, "\(name)")
        }
    }

    @Test func uvRegressorMapsImagesToTwoChannelsInTheUnitRange() {
        var rng = RandomGenerator(seed: 5)
        let duv = UVRegressor(width: 4, levels: 3, generator: &rng)
        let uv = duv(Tensor.uniform([2, 3, 16, 16], low: -1, high: 1, generator: &rng))
        #expect(uv.shape == [2, 2, 16, 16])
        #expect(uv.scalars.allSatisfy { $0 > 0 && $0 < 1 })
    }
}
