import Testing
import Kernels
import TensorCore
import TestSupport

/// The convolution kernel takes different routes by shape (whole-image column blocks for small
/// outputs, row bands for large ones, pointwise without im2col, parallel across blocks or inside
/// one sgemm). Every route must compute the same three functions as a naive loop.
@Suite struct ConvolutionPathTests {
    /// Naive y[b, o, oy, ox] = Σ w[o, c, i, j]·x[b, c, oy·s − p + i, ox·s − p + j].
    static func naive(_ x: [Float], _ w: [Float], _ g: Conv2DGeometry) -> [Float] {
        var y = [Float](repeating: 0, count: g.batch * g.outChannels * g.outPlane)
        for b in 0..<g.batch { for o in 0..<g.outChannels { for oy in 0..<g.outHeight { for ox in 0..<g.outWidth {
            var acc: Float = 0
            for c in 0..<g.inChannels { for i in 0..<g.kernelHeight { for j in 0..<g.kernelWidth {
                let iy = oy * g.strideH - g.padH + i, ix = ox * g.strideW - g.padW + j
                if iy < 0 || iy >= g.inHeight || ix < 0 || ix >= g.inWidth { continue }
                acc += w[((o * g.inChannels + c) * g.kernelHeight + i) * g.kernelWidth + j]
                    * x[((b * g.inChannels + c) * g.inHeight + iy) * g.inWidth + ix]
            } } }
            y[((b * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox] = acc
        } } } }
        return y
    }

    @Test(arguments: [
        (1, 3, 40, 37, 3, 1, 1),   // one large image: row bands, split across workers
        (3, 2, 33, 20, 3, 2, 1),   // several images, stride 2
        (7, 4, 6, 5, 4, 2, 1),     // small outputs: several images per column block
        (2, 5, 18, 17, 1, 1, 0),   // pointwise
        (5, 3, 4, 4, 1, 1, 0),     // pointwise, grouped images
    ])
    func routesAgreeWithNaiveLoops(_ c: (Int, Int, Int, Int, Int, Int, Int)) {
        checkAgainstNaive(c, outChannels: 6)
    }

    /// 3×3 stride-1 convolutions with ≥ 16 channels take the Winograd F(2×2, 3×3) route: odd sizes
    /// (cropped border tiles), paddings 0–2, several images per block and row bands of one image.
    @Test(arguments: [
        (3, 16, 9, 7, 3, 1, 1),
        (1, 20, 45, 50, 3, 1, 1),
        (2, 16, 8, 11, 3, 1, 0),
        (2, 17, 6, 5, 3, 1, 2),
    ])
    func winogradRouteAgreesWithNaiveLoops(_ c: (Int, Int, Int, Int, Int, Int, Int)) {
        let g = Conv2DGeometry(batch: c.0, inChannels: c.1, inHeight: c.2, inWidth: c.3, outChannels: 18,
                               kernelHeight: 3, kernelWidth: 3, padH: c.6, padW: c.6)
        #expect(Winograd.applicable(g))
        checkAgainstNaive(c, outChannels: 18)
    }

    /// Layers with ≤ 4 output channels (RGB heads) take the direct narrow route: 7×7 and 9×9 kernels,
    /// one image split by rows, several images across workers, ragged widths.
    @Test(arguments: [
        (1, 8, 21, 37, 7, 3, 3),
        (3, 5, 12, 18, 9, 4, 4),
        (2, 6, 10, 9, 3, 1, 1),
        (4, 4, 7, 16, 5, 2, 2),
    ])
    func narrowRouteAgreesWithNaiveLoops(_ c: (Int, Int, Int, Int, Int, Int, Int)) {
        let g = Conv2DGeometry(batch: c.0, inChannels: c.1, inHeight: c.2, inWidth: c.3, outChannels: c.5,
                               kernelHeight: c.4, kernelWidth: c.4, padH: c.6, padW: c.6)
        #expect(NarrowConvolution.applicable(g))
        checkAgainstNaive((c.0, c.1, c.2, c.3, c.4, 1, c.6), outChannels: c.5)
    }

    func checkAgainstNaive(_ c: (Int, Int, Int, Int, Int, Int, Int), outChannels: Int) {
        let (batch, inC, h, w, k, s, p) = c
        let g = Conv2DGeometry(batch: batch, inChannels: inC, inHeight: h, inWidth: w, outChannels: outChannels,
                               kernelHeight: k, kernelWidth: k, strideH: s, strideW: s, padH: p, padW: p)
        var rng = RandomGenerator(seed: UInt64(batch * 100 + h))
        let x = Tensor.normal([batch, inC, h, w], generator: &rng).requiringGradient()
        let wt = Tensor.normal([outChannels, inC, k, k], generator: &rng).requiringGradient()
        let y = conv2d(x, weight: wt, stride: (s, s), padding: (p, p))
        let expected = Tensor(shape: y.shape, scalars: Self.naive(x.scalars, wt.scalars, g))
        #expect(compareTensors(y, expected, atol: 1e-4, rtol: 1e-4).ok, "forward \(g)")
        // Backward via the adjoint identity: <dy, conv(x, w)> is bilinear, so with a random dy the
        // gradients must satisfy <dx, x> = <dw, w> = <dy, y>.
        let dy = Tensor.normal(y.shape, generator: &rng)
        let grads = gradients(of: y, wrt: [x, wt], seed: dy)
        let dot = (dy * expected).sum().scalar
        let viaX = (grads[0] * x).sum().scalar, viaW = (grads[1] * wt).sum().scalar
        #expect(Swift.abs(viaX - dot) <= 1e-3 * Swift.max(1, Swift.abs(dot)), "input gradient \(g): \(viaX) vs \(dot)")
        #expect(Swift.abs(viaW - dot) <= 1e-3 * Swift.max(1, Swift.abs(dot)), "weight gradient \(g): \(viaW) vs \(dot)")
        // And elementwise against the naive transposed products (finite differences of a linear map are exact).
        let r = GradientCheck.firstOrder({ conv2d($0[0], weight: $0[1], stride: (s, s), padding: (p, p)) },
                                         at: [x.detached(), wt.detached()], eps: 0.5, atol: 2e-3, rtol: 1e-3, maxComponents: 60)
        #expect(r.passed, "\(g): \(r)")
    }
}
