import Foundation
import Testing
import TensorCore
import TestSupport

/// Our ops against PyTorch 2.x (CPU, float32) golden values from `tools/make_fixtures.py`.
/// Tolerance: |ours − torch| ≤ 1e-4 + 1e-4·|torch| (float32 summation order differs).
@Suite struct PyTorchFixtureTests {
    static let atol: Float = 1e-4, rtol: Float = 1e-4

    func expectClose(_ a: Tensor, _ b: Tensor?, _ what: String, atol: Float = atol, rtol: Float = rtol,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let b else { Issue.record("fixture lacks \(what)", sourceLocation: sourceLocation); return }
        let c = compareTensors(a, b, atol: atol, rtol: rtol)
        #expect(c.ok, "\(what): \(c.message)", sourceLocation: sourceLocation)
    }

    /// Checks output and input gradients of `f` against the fixture's `<case>.y`, `<case>.d<name>`.
    func checkCase(_ t: [String: Tensor], _ name: String, inputs: [String],
                   sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
        let leaves = inputs.map { t["\(name).\($0)"]!.requiringGradient() }
        let y = f(leaves)
        expectClose(y, t["\(name).y"], "\(name).y", sourceLocation: sourceLocation)
        guard let r = t["\(name).r"] else { return }
        let grads = gradients(of: y, wrt: leaves, seed: r)
        for (i, input) in inputs.enumerated() {
            expectClose(grads[i], t["\(name).d\(input)"], "\(name).d\(input)", sourceLocation: sourceLocation)
        }
    }

    @Test func conv2dMatchesPyTorch() throws {
        let t = try Fixtures.load("conv2d").tensors
        let cases: [(String, (Int, Int), (Int, Int), (Int, Int), Bool)] = [
            ("s2p1", (2, 2), (1, 1), (1, 1), true), ("s1p0", (1, 1), (0, 0), (1, 1), false),
            ("k4s2p1", (2, 2), (1, 1), (1, 1), true), ("k7p3", (1, 1), (3, 3), (1, 1), false),
            ("dil2", (1, 1), (2, 2), (2, 2), true),
        ]
        for (name, stride, padding, dilation, hasBias) in cases {
            checkCase(t, name, inputs: hasBias ? ["x", "w", "b"] : ["x", "w"]) { a in
                conv2d(a[0], weight: a[1], bias: hasBias ? a[2] : nil, stride: stride, padding: padding, dilation: dilation)
            }
        }
    }

    @Test func convTranspose2dMatchesPyTorch() throws {
        let t = try Fixtures.load("conv_transpose2d").tensors
        checkCase(t, "k4s2p1", inputs: ["x", "w", "b"]) { a in
            convTranspose2d(a[0], weight: a[1], bias: a[2], stride: (2, 2), padding: (1, 1))
        }
        checkCase(t, "k3s2p1op1", inputs: ["x", "w"]) { a in
            convTranspose2d(a[0], weight: a[1], stride: (2, 2), padding: (1, 1), outputPadding: (1, 1))
        }
    }

    @Test func instanceNormMatchesPyTorch() throws {
        let t = try Fixtures.load("norms").tensors
        checkCase(t, "in", inputs: ["x", "w", "b"]) { a in instanceNorm(a[0], weight: a[1], bias: a[2]) }
        let x = t["in.x"]!.requiringGradient()
        let y = instanceNorm(x)
        expectClose(y, t["in_plain.y"], "in_plain.y")
        expectClose(gradient(of: y, wrt: x, seed: t["in_plain.r"]!), t["in_plain.dx"], "in_plain.dx")
    }

    @Test func batchNormMatchesPyTorch() throws {
        let t = try Fixtures.load("norms").tensors
        let x = t["bn.x"]!.requiringGradient(), w = t["bn.w"]!.requiringGradient(), b = t["bn.b"]!.requiringGradient()
        let out = batchNormTraining(x, weight: w, bias: b)
        expectClose(out.output, t["bn.y"], "bn.y")
        let g = gradients(of: out.output, wrt: [x, w, b], seed: t["bn.r"]!)
        expectClose(g[0], t["bn.dx"], "bn.dx")
        expectClose(g[1], t["bn.dw"], "bn.dw")
        expectClose(g[2], t["bn.db"], "bn.db")
        // Running statistics after one step from (0, 1) with momentum 0.1, then evaluation mode.
        let rm = Tensor(shape: [3], scalars: out.batchMean.map { 0.1 * $0 })
        let rv = Tensor(shape: [3], scalars: out.batchVarianceUnbiased.map { 0.9 + 0.1 * $0 })
        expectClose(rm, t["bn.running_mean"], "bn.running_mean")
        expectClose(rv, t["bn.running_var"], "bn.running_var")
        let ye = batchNormInference(t["bn_eval.x"]!, runningMean: rm, runningVariance: rv, weight: w, bias: b)
        expectClose(ye, t["bn_eval.y"], "bn_eval.y")
    }

    @Test func poolingMatchesPyTorch() throws {
        let t = try Fixtures.load("pooling").tensors
        checkCase(t, "max", inputs: ["x"]) { maxPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true) }
        checkCase(t, "max2", inputs: ["x"]) { maxPool2d($0[0], kernel: (2, 2)) }
        checkCase(t, "avg_incl", inputs: ["x"]) {
            avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true, countIncludePad: true)
        }
        checkCase(t, "avg_excl", inputs: ["x"]) {
            avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true, countIncludePad: false)
        }
    }

    @Test func resamplingMatchesPyTorch() throws {
        let t = try Fixtures.load("resampling").tensors
        expectClose(pixelShuffle(t["shuffle.x"]!, upscale: 2), t["shuffle.y"], "pixel shuffle", atol: 0, rtol: 0)
        expectClose(pixelUnshuffle(t["shuffle.y"]!, downscale: 2), t["shuffle.x"], "pixel unshuffle", atol: 0, rtol: 0)
        for (name, size) in [("up", (8, 11)), ("down", (3, 2)), ("mixed", (4, 13))] {
            checkCase(t, "bilinear_\(name)", inputs: ["x"]) { resizeBilinear($0[0], height: size.0, width: size.1) }
        }
        expectClose(resizeNearest(t["nearest.x"]!, height: 8, width: 3), t["nearest.y"], "nearest", atol: 0, rtol: 0)
        expectClose(resizeNearest(t["nearest.x"]!, height: 8, width: 3, mode: .halfPixel), t["nearest_exact.y"],
                    "nearest-exact", atol: 0, rtol: 0)
        checkCase(t, "reflect", inputs: ["x"]) { $0[0].reflectionPadded2D(top: 3, bottom: 1, left: 2, right: 1) }
    }

    @Test func lossesMatchPyTorch() throws {
        let t = try Fixtures.load("losses").tensors
        let logits = t["bce.logits"]!.requiringGradient()
        let bce = bceWithLogits(logits, targets: t["bce.targets"]!)
        expectClose(bce, t["bce.loss"]!.reshaped([]), "bce")
        expectClose(gradient(of: bce, wrt: logits), t["bce.dlogits"], "bce grad")
        let starGAN = bceWithLogits(logits, targets: t["bce.targets"]!, reduction: .sum) / Float(logits.shape[0])
        expectClose(starGAN, t["bce_stargan.loss"]!.reshaped([]), "StarGAN classification loss")

        let ceLogits = t["ce.logits"]!.requiringGradient()
        let labels = t["ce.labels"]!.scalars.map { Int($0) }
        let ce = crossEntropy(ceLogits, labels: labels)
        expectClose(ce, t["ce.loss"]!.reshaped([]), "cross-entropy")
        expectClose(gradient(of: ce, wrt: ceLogits), t["ce.dlogits"], "cross-entropy grad")

        for name in ["mse", "l1"] {
            let a = t["\(name).a"]!.requiringGradient(), b = t["\(name).b"]!.requiringGradient()
            let v = name == "mse" ? mseLoss(a, b) : l1Loss(a, b)
            expectClose(v, t["\(name).loss"]!.reshaped([]), name)
            let g = gradients(of: v, wrt: [a, b])
            expectClose(g[0], t["\(name).da"], "\(name) da")
            expectClose(g[1], t["\(name).db"], "\(name) db")
        }
        expectClose(softmax(t["softmax.x"]!, axis: 1), t["softmax.y"], "softmax")
        expectClose(logSoftmax(t["softmax.x"]!, axis: 1), t["log_softmax.y"], "log-softmax")
    }

    @Test func wganGradientPenaltyMatchesPyTorch() throws {
        let t = try Fixtures.load("wgan_gp").tensors
        let p = ["c1.weight", "c1.bias", "c2.weight", "c2.bias", "src.weight", "cls.weight"]
            .map { ($0, t["param." + $0]!.requiringGradient()) }
        let w = Dictionary(uniqueKeysWithValues: p)
        func discriminator(_ x: Tensor) -> (Tensor, Tensor) {
            var h = conv2d(x, weight: w["c1.weight"]!, bias: w["c1.bias"]!, stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.01)
            h = conv2d(h, weight: w["c2.weight"]!, bias: w["c2.bias"]!, stride: (2, 2), padding: (1, 1)).leakyRelu(slope: 0.01)
            return (conv2d(h, weight: w["src.weight"]!, padding: (1, 1)),
                    conv2d(h, weight: w["cls.weight"]!).reshaped([x.shape[0], -1]))
        }
        let alpha = t["alpha"]!
        let xHat = (alpha * t["x_real"]! + (1 - alpha) * t["x_fake"]!).requiringGradient()
        let (src, _) = discriminator(xHat)
        let dydx = gradient(of: src, wrt: xHat, createGraph: true)
        expectClose(dydx, t["dydx"], "dD/dx̂")
        let norms = dydx.reshaped([dydx.shape[0], -1]).squared().sum(axes: [1]).sqrt()
        let gp = (norms - 1).squared().mean()
        expectClose(gp, t["gp"]!.reshaped([]), "gradient penalty")
        let grads = gradients(of: gp, wrt: p.map(\.1))
        for (i, (name, _)) in p.enumerated() {
            expectClose(grads[i], t["grad." + name], "∂GP/∂\(name)", atol: 2e-4, rtol: 2e-4)
        }
    }
}
