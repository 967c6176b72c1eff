import Testing
import TensorCore
import TestSupport

/// Finite-difference checks of every op's backward rule (first order), and of the backward of the
/// backward (second order) for the ops on a discriminator's path and every rule that recomputes
/// saved values. See `GradientCheck` for the method.
@Suite struct GradientCheckTests {
    /// Normal values pushed at least `margin` away from 0, so kinks (relu, abs, max) are not crossed
    /// by the finite-difference step.
    static func input(_ shape: [Int], seed: UInt64, margin: Float = 0.1, scale: Float = 1) -> Tensor {
        var g = RandomGenerator(seed: seed, stream: 99)
        let v = Tensor.normal(shape, generator: &g).scalars.map { ($0 >= 0 ? $0 + margin : $0 - margin) * scale }
        return Tensor(shape: shape, scalars: v)
    }

    static func positive(_ shape: [Int], seed: UInt64) -> Tensor {
        Tensor(shape: shape, scalars: input(shape, seed: seed).scalars.map { Swift.abs($0) + 0.5 })
    }

    func first(_ name: String, _ inputs: [Tensor], atol: Double = 1e-3, rtol: Double = 1e-2,
               sourceLocation: SourceLocation = #_sourceLocation, _ f: @escaping ([Tensor]) -> Tensor) {
        let r = GradientCheck.firstOrder(f, at: inputs, atol: atol, rtol: rtol)
        #expect(r.passed && r.checked > 0, "\(name): \(r)", sourceLocation: sourceLocation)
    }

    func second(_ name: String, _ inputs: [Tensor], at index: Int = 0, atol: Double = 3e-3, rtol: Double = 3e-2,
                sourceLocation: SourceLocation = #_sourceLocation, _ f: @escaping ([Tensor]) -> Tensor) {
        let r = GradientCheck.secondOrder(f, at: inputs, differentiateAt: index, atol: atol, rtol: rtol)
        #expect(r.passed && r.checked > 0, "\(name) (second order): \(r)", sourceLocation: sourceLocation)
    }

    @Test func arithmeticWithBroadcasting() {
        let a = Self.input([2, 3, 4], seed: 1), b = Self.input([3, 1], seed: 2), c = Self.positive([4], seed: 3)
        first("add", [a, b]) { $0[0] + $0[1] }
        first("sub", [a, b]) { $0[0] - $0[1] }
        first("mul", [a, b]) { $0[0] * $0[1] }
        first("div", [a, c]) { $0[0] / $0[1] }
        first("scalar ops", [a]) { (2 - $0[0] * 3 + 1) / 4 }
        first("neg", [a]) { -$0[0] }
        first("expand", [b]) { $0[0].expanded(to: [2, 3, 5]) }
        first("sumToShape", [a]) { $0[0].sum(toShape: [3, 1]) }
    }

    @Test func unaryFunctions() {
        let x = Self.input([3, 5], seed: 4), p = Self.positive([3, 5], seed: 5)
        first("exp", [x]) { $0[0].exp() }
        first("log", [p]) { $0[0].log() }
        first("log1p", [p]) { $0[0].log1p() }
        first("sqrt", [p]) { $0[0].sqrt() }
        first("pow 3", [x]) { $0[0].pow(3) }
        first("pow -1.5", [p]) { $0[0].pow(-1.5) }
        first("abs", [x]) { $0[0].abs() }
        first("tanh", [x]) { $0[0].tanh() }
        first("sigmoid", [x]) { $0[0].sigmoid() }
        first("relu", [x]) { $0[0].relu() }
        first("leakyRelu", [x]) { $0[0].leakyRelu(slope: 0.2) }
        first("leakyRelu negative slope", [x]) { $0[0].leakyRelu(slope: -0.3) }   // mask from the input
        first("prelu", [x, Tensor(shape: [1], scalars: [0.25])]) { $0[0].prelu($0[1]) }
        first("clamp", [x]) { $0[0].clamped(min: -0.5, max: 0.7) }
    }

    @Test func reductions() {
        let x = Self.input([2, 3, 4], seed: 6)
        first("sum all", [x]) { $0[0].sum() }
        first("sum axes", [x]) { $0[0].sum(axes: [0, 2]) }
        first("sum keep", [x]) { $0[0].sum(axes: [1], keepingDims: true) }
        first("mean", [x]) { $0[0].mean(axes: [2]) }
        first("variance", [x]) { $0[0].variance(axes: [1, 2]) }
        first("max", [x]) { $0[0].max(axes: [1]) }
        first("max all", [x]) { $0[0].max() }
    }

    @Test func linearAlgebra() {
        let a = Self.input([3, 4], seed: 7), b = Self.input([4, 5], seed: 8)
        let at = Self.input([4, 3], seed: 9), bt = Self.input([5, 4], seed: 10)
        first("matmul", [a, b]) { matmul($0[0], $0[1]) }
        first("matmul Bᵀ", [a, bt]) { matmul($0[0], $0[1], transposeB: true) }
        first("matmul Aᵀ", [at, b]) { matmul($0[0], $0[1], transposeA: true) }
        first("matmul AᵀBᵀ", [at, bt]) { matmul($0[0], $0[1], transposeA: true, transposeB: true) }
        first("linear", [a, bt, Self.input([5], seed: 11)]) { linear($0[0], weight: $0[1], bias: $0[2]) }
    }

    @Test func shapeOperations() {
        let x = Self.input([2, 3, 4, 5], seed: 12), y = Self.input([2, 2, 4, 5], seed: 13)
        first("reshape", [x]) { $0[0].reshaped([6, -1]) }
        first("permute", [x]) { $0[0].permuted([2, 0, 3, 1]) }
        first("transpose", [x]) { $0[0].transposed(1, 3) }
        first("concat", [x, y]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) }
        first("split", [x]) { a in let p = a[0].split(sizes: [1, 2], axis: 1); return p[0] * 2 + p[1].sum(axes: [1], keepingDims: true) }
        first("slice", [x]) { $0[0].slice(starts: [1, 0, 1, 2], sizes: [1, 2, 3, 2]) }
        first("zero pad", [x]) { $0[0].zeroPadded2D(top: 1, bottom: 2, left: 0, right: 3) }
        first("reflection pad", [x]) { $0[0].reflectionPadded2D(top: 2, bottom: 1, left: 3, right: 4) }
        first("tile", [Self.input([2, 3], seed: 14)]) { $0[0].tiled([2, 3]) }
        first("gather", [x]) { $0[0].gathered(FlatIndex([0, 5, 5, 119, 7]), shape: [5]) }
    }

    @Test func convolutions() {
        let x = Self.input([2, 3, 6, 5], seed: 15), w = Self.input([4, 3, 3, 3], seed: 16, scale: 0.3)
        let b = Self.input([4], seed: 17)
        first("conv2d s1p1", [x, w, b]) { conv2d($0[0], weight: $0[1], bias: $0[2], padding: (1, 1)) }
        first("conv2d s2p1", [x, w]) { conv2d($0[0], weight: $0[1], stride: (2, 2), padding: (1, 1)) }
        first("conv2d dilated", [x, w]) { conv2d($0[0], weight: $0[1], padding: (2, 2), dilation: (2, 2)) }
        first("conv2d 1×1", [x, Self.input([2, 3, 1, 1], seed: 18)]) { conv2d($0[0], weight: $0[1]) }
        let wt = Self.input([3, 2, 4, 4], seed: 19, scale: 0.3)
        first("convTranspose2d", [x, wt, Self.input([2], seed: 20)]) {
            convTranspose2d($0[0], weight: $0[1], bias: $0[2], stride: (2, 2), padding: (1, 1))
        }
        first("convTranspose2d outputPadding", [x, Self.input([3, 2, 3, 3], seed: 21, scale: 0.3)]) {
            convTranspose2d($0[0], weight: $0[1], stride: (2, 2), padding: (1, 1), outputPadding: (1, 1))
        }
    }

    @Test func poolingAndResizing() {
        let x = Self.input([2, 2, 7, 6], seed: 22)
        first("maxPool ceil", [x]) { maxPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true) }
        first("avgPool incl", [x]) { avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true) }
        first("avgPool excl", [x]) {
            avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true, countIncludePad: false)
        }
        first("global avg", [x]) { globalAvgPool2d($0[0]) }
        first("pixel shuffle", [Self.input([1, 8, 3, 2], seed: 23)]) { pixelShuffle($0[0], upscale: 2) }
        first("nearest", [x]) { resizeNearest($0[0], height: 10, width: 4) }
        first("bilinear up", [x]) { resizeBilinear($0[0], height: 11, width: 9) }
        first("bilinear down", [x]) { resizeBilinear($0[0], height: 3, width: 4) }
    }

    @Test func normalizations() {
        let x = Self.input([2, 3, 4, 5], seed: 24, scale: 2)
        let w = Self.input([3], seed: 25), b = Self.input([3], seed: 26)
        first("instanceNorm affine", [x, w, b]) { instanceNorm($0[0], weight: $0[1], bias: $0[2]) }
        first("instanceNorm", [x]) { instanceNorm($0[0]) }
        first("batchNorm", [x, w, b]) { batchNormTraining($0[0], weight: $0[1], bias: $0[2]).output }
        first("batchNorm eval", [x, w, b]) {
            batchNormInference($0[0], runningMean: Tensor(shape: [3], scalars: [0.1, -0.2, 0.3]),
                               runningVariance: Tensor(shape: [3], scalars: [1.5, 0.5, 2]), weight: $0[1], bias: $0[2])
        }
    }

    @Test func softmaxAndLosses() {
        let x = Self.input([4, 5], seed: 27), y = Self.input([4, 5], seed: 28)
        let t = Tensor(shape: [4, 5], scalars: (0..<20).map { Float($0 % 3 == 0 ? 1 : 0) })
        first("softmax", [x]) { softmax($0[0], axis: 1) }
        first("logSoftmax", [x]) { logSoftmax($0[0], axis: 0) }
        first("bceWithLogits", [x]) { bceWithLogits($0[0], targets: t) }
        first("crossEntropy", [x]) { crossEntropy($0[0], labels: [0, 4, 2, 2]) }
        first("crossEntropy soft", [x]) { crossEntropy($0[0], probabilities: softmax(y, axis: 1)) }
        first("mse", [x, y]) { mseLoss($0[0], $0[1]) }
        first("l1", [x, y]) { l1Loss($0[0], $0[1]) }
        first("dropout (fixed mask)", [x]) { a in
            var g = RandomGenerator(seed: 5)
            return dropout(a[0], probability: 0.3, training: true, generator: &g)
        }
    }

    // MARK: Second order

    @Test func secondOrderElementwiseAndReductions() {
        let x = Self.input([3, 4], seed: 30), y = Self.input([3, 4], seed: 31), p = Self.positive([3, 4], seed: 32)
        second("mul", [x, y]) { $0[0] * $0[1] * $0[0] }
        second("div", [p, y], at: 1) { $0[1] / $0[0] }
        second("pow", [p]) { $0[0].pow(3) + $0[0].pow(-0.5) }
        second("sqrt", [p]) { $0[0].sqrt() * $0[0] }
        second("exp/log", [p]) { $0[0].exp() + $0[0].log() * $0[0] }
        second("tanh", [x]) { $0[0].tanh() }
        second("sigmoid", [x]) { $0[0].sigmoid() }
        second("leakyRelu", [x, y]) { ($0[0] * $0[1]).leakyRelu(slope: 0.01) * $0[0] }
        second("sum/mean", [x]) { ($0[0].sum(axes: [1]).squared() + $0[0].mean(axes: [0]).pow(3).sum()) }
        second("norm", [x]) { $0[0].squared().sum(axes: [1]).sqrt() }
    }

    @Test func secondOrderLinearAlgebra() {
        let a = Self.input([3, 4], seed: 33), b = Self.input([4, 2], seed: 34)
        second("matmul wrt A", [a, b], at: 0) { matmul($0[0], $0[1]).tanh() }
        second("matmul wrt B", [a, b], at: 1) { matmul($0[0], $0[1]).squared() }
        second("linear", [a, Self.input([5, 4], seed: 35)]) { linear($0[0], weight: $0[1]).sigmoid() }
    }

    @Test func secondOrderConvolutions() {
        let x = Self.input([2, 2, 6, 6], seed: 36), w = Self.input([3, 2, 4, 4], seed: 37, scale: 0.3)
        // The WGAN-GP pattern: the penalty's gradient flows through ∂D/∂x into D's weights.
        second("conv2d + leakyRelu", [x, w], at: 0) {
            conv2d($0[0], weight: $0[1], stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.01).squared()
        }
        second("conv2d wrt weight", [x, w], at: 1) { conv2d($0[0], weight: $0[1], padding: (1, 1)).tanh() }
        second("convTranspose2d", [x, Self.input([2, 3, 4, 4], seed: 38, scale: 0.3)], at: 0) {
            convTranspose2d($0[0], weight: $0[1], stride: (2, 2), padding: (1, 1)).squared()
        }
        second("bilinear + avgPool", [x]) { avgPool2d(resizeBilinear($0[0], height: 9, width: 8), kernel: (2, 2)).squared() }
    }

    @Test func secondOrderThroughFusedNorms() {
        let x = Self.input([2, 2, 3, 4], seed: 39, scale: 2), w = Self.input([2], seed: 40)
        second("instanceNorm", [x, w]) { instanceNorm($0[0], weight: $0[1]).squared() }
        second("batchNorm", [x, w]) { batchNormTraining($0[0], weight: $0[1], bias: nil).output.tanh() }
    }
}
