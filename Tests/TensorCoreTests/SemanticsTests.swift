import Testing
import TensorCore
import TestSupport

@Suite struct SemanticsTests {
    @Test func valueSemanticsCopyOnWrite() {
        let a = Tensor(shape: [3], scalars: [1, 2, 3])
        var b = a
        #expect(a.storageIdentifier == b.storageIdentifier)
        b.withUnsafeMutableBufferPointer { $0[0] = 9 }
        #expect(a.scalars == [1, 2, 3] && b.scalars == [9, 2, 3])
        #expect(a.storageIdentifier != b.storageIdentifier)
        let r = a.reshaped([3, 1])
        #expect(r.storageIdentifier == a.storageIdentifier)
    }

    @Test func noGradientModeRecordsNothing() {
        let x = Tensor.ones([2, 2]).requiringGradient()
        let y = withoutGradients { (x * 3).exp().sum() }
        #expect(!y.requiresGradient)
        let z = (x * 3).sum()
        #expect(z.requiresGradient)
        #expect(gradient(of: z, wrt: x).scalars == [3, 3, 3, 3])
        // Unconnected inputs get zeros.
        #expect(gradient(of: z, wrt: Tensor.ones([5]).requiringGradient()).scalars == [0, 0, 0, 0, 0])
    }

    @Test func gradientsAccumulateOverReuseAndPruneUnusedBranches() {
        let x = Tensor(shape: [2], scalars: [1, 2]).requiringGradient()
        let w = Tensor(shape: [2], scalars: [3, 4]).requiringGradient()
        let y = (x * x + x * w).sum()        // dy/dx = 2x + w, dy/dw = x
        let g = gradients(of: y, wrt: [x])
        #expect(g[0].scalars == [5, 8])
        #expect(gradient(of: y, wrt: w).scalars == [1, 2])
    }

    @Test func higherOrderGradientOfSimpleFunction() {
        // f(x) = x³ → f' = 3x², f'' = 6x.
        let x = Tensor(shape: [3], scalars: [1, -2, 0.5]).requiringGradient()
        let first = gradient(of: x.pow(3).sum(), wrt: x, createGraph: true)
        #expect(first.scalars == [3, 12, 0.75])
        let secondDerivative = gradient(of: first.sum(), wrt: x)
        #expect(secondDerivative.scalars == [6, -12, 3])
    }

    @Test func l2NormHasZeroGradientAtZero() {
        let x = Tensor.zeros([2, 3]).requiringGradient()
        let g = gradient(of: x.l2Norm(axes: [1]).sum(), wrt: x)
        #expect(g.scalars.allSatisfy { $0 == 0 })
        let y = Tensor(shape: [1, 2], scalars: [3, 4]).requiringGradient()
        #expect(y.l2Norm(axes: [1]).scalars == [5])
        #expect(gradient(of: y.l2Norm(axes: [1]).sum(), wrt: y).scalars == [0.6, 0.8])
    }

    /// Fused instance/batch norm forward and backward equal the composed definition.
    @Test func fusedNormalizationEqualsComposition() {
        var g = RandomGenerator(seed: 4)
        let x = Tensor.normal([3, 4, 5, 6], mean: 1, std: 2, generator: &g).requiringGradient()
        let w = Tensor.normal([4], generator: &g).requiringGradient(), b = Tensor.normal([4], generator: &g).requiringGradient()
        let seed = Tensor.normal(x.shape, generator: &g)
        for perInstance in [true, false] {
            let fused = perInstance ? instanceNorm(x, weight: w, bias: b) : batchNormTraining(x, weight: w, bias: b).output
            let composed = Tensor.normalizationReference(x, perInstance: perInstance, weight: w, bias: b)
            #expect(compareTensors(fused, composed, atol: 1e-5, rtol: 1e-5).ok)
            let gf = gradients(of: fused, wrt: [x, w, b], seed: seed), gc = gradients(of: composed, wrt: [x, w, b], seed: seed)
            for i in 0..<3 { #expect(compareTensors(gf[i], gc[i], atol: 1e-4, rtol: 1e-4).ok, "perInstance \(perInstance) input \(i)") }
        }
    }

    /// Same inputs, same bits: the parallel kernels use static chunking.
    @Test func kernelsAreDeterministic() {
        func run() -> [UInt32] {
            var g = RandomGenerator(seed: 77)
            let x = Tensor.normal([4, 8, 20, 20], generator: &g).requiringGradient()
            let w = Tensor.normal([16, 8, 3, 3], std: 0.1, generator: &g).requiringGradient()
            let y = instanceNorm(conv2d(x, weight: w, stride: (2, 2), padding: (1, 1))).leakyRelu(slope: 0.2)
            let gs = gradients(of: y.squared().mean(), wrt: [x, w])
            return (y.scalars + gs[0].scalars + gs[1].scalars).map(\.bitPattern)
        }
        #expect(run() == run())
    }

    /// Large single images are split into row bands across workers; the result must not depend on it.
    @Test func bandedConvolutionMatchesBatchedConvolution() {
        var g = RandomGenerator(seed: 8)
        let x = Tensor.normal([2, 3, 40, 33], generator: &g)
        let w = Tensor.normal([5, 3, 3, 3], generator: &g)
        let both = conv2d(x, weight: w, padding: (1, 1))
        for i in 0..<2 {
            let one = conv2d(x.slice(axis: 0, i..<(i + 1)), weight: w, padding: (1, 1))
            #expect(compareTensors(one, both.slice(axis: 0, i..<(i + 1)), atol: 1e-5, rtol: 1e-5).ok)
        }
    }
}

@Suite struct ShapeErrorTests {
    /// A shape mismatch stops the process with a message naming the op and both shapes.
    @Test func mismatchedShapesStopWithAMessage() async throws {
        let add = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        #expect(String(decoding: try #require(add).standardErrorContent, as: UTF8.self)
            .contains("add: shapes [2, 3] and [4] cannot be broadcast"))
        let conv = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.zeros([1, 3, 8, 8]), weight: Tensor.zeros([4, 2, 3, 3]))
        }
        #expect(String(decoding: try #require(conv).standardErrorContent, as: UTF8.self)
            .contains("conv2d: input [1, 3, 8, 8] (NCHW) does not match weight [4, 2, 3, 3]"))
        let mm = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        }
        #expect(String(decoding: try #require(mm).standardErrorContent, as: UTF8.self).contains("matmul: inner sizes differ"))
    }
}
