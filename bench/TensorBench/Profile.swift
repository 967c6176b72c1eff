import ArgumentParser
import CommandLineSupport
import Kernels
import Foundation
import NN
import Networks
import TensorCore

/// `tensor-bench --profile-layers`: forward and backward time of each layer of StarGAN's generator,
/// to see where an iteration's time goes.
enum LayerProfile {
    static func run(batch: Int, size: Int) {
        var rng = RandomGenerator(seed: 0)
        let G = StarGANGenerator(generator: &rng)
        var x = Tensor.concatenate([Tensor.uniform([batch, 3, size, size], low: -1, high: 1, generator: &rng),
                                    Tensor.zeros([batch, 5, size, size])], axis: 1)
        print("layer                          forward (s)  backward (s)")
        for (i, layer) in G.main.layers.enumerated() {
            let input = x.requiringGradient()
            var y = input
            let forward = Timing.median(repeats: 1, warmup: 0) { y = layer(input) }
            let seed = Tensor.ones(y.shape)
            let params = layer.parameters().map(\.value)
            let backward = Timing.median(repeats: 1, warmup: 0) { _ = gradients(of: y, wrt: [input] + params, seed: seed) }
            print(String(format: "%2d %-27@ %10.4f  %12.4f", i, String(describing: type(of: layer)) as NSString, forward, backward))
            x = y.detached()
        }
    }
}

/// `tensor-bench --profile-conv N,C,H,W,K,k,s,p`: the three convolution kernels of one geometry, timed
/// separately, with the route the kernel takes.
enum ConvolutionProfile {
    /// Largest tensor the profile allocates (2²⁸ floats, 1 GiB), so a typo cannot exhaust memory.
    static let maximumElements = 1 << 28

    /// The geometry of `N,C,H,W,K,k,s,p`, checked: positive sizes and stride, padding below the
    /// kernel size, a kernel that fits the padded input, every tensor under `maximumElements`.
    static func geometry(_ spec: String) throws -> Conv2DGeometry {
        let flag = "--profile-conv"
        let v = try FlagValidation.integers(spec, in: 0...65_536, flag: flag)
        guard v.count == 8 else { throw ValidationError("\(flag) expects 8 integers N,C,H,W,K,k,s,p, got \(v.count) in \"\(spec)\"") }
        for (name, value) in zip(["N", "C", "H", "W", "K", "k", "s"], v) {
            try FlagValidation.require(value, in: 1...65_536, flag: "\(flag) \(name)")
        }
        let (h, w, k, p) = (v[2], v[3], v[5], v[7])
        try FlagValidation.require(p, in: 0...(k - 1), flag: "\(flag) p (padding, below the kernel size \(k))")
        guard k <= h + 2 * p && k <= w + 2 * p else {
            throw ValidationError("\(flag): kernel \(k)×\(k) is larger than the padded input \(h + 2 * p)×\(w + 2 * p)")
        }
        let g = Conv2DGeometry(batch: v[0], inChannels: v[1], inHeight: h, inWidth: w, outChannels: v[4],
                               kernelHeight: k, kernelWidth: k, strideH: v[6], strideW: v[6], padH: p, padW: p)
        let sizes = [("input", [g.batch, g.inChannels, g.inPlane]), ("weight", [g.outChannels, g.patchSize]),
                     ("output", [g.batch, g.outChannels, g.outPlane])]
        for (name, factors) in sizes {
            var elements = 1
            for f in factors {
                let (product, overflow) = elements.multipliedReportingOverflow(by: f)
                guard !overflow, product <= maximumElements else {
                    throw ValidationError("\(flag): the \(name) tensor of \(g.description) has more than 2^28 elements (1 GiB); use smaller sizes")
                }
                elements = product
            }
        }
        return g
    }

    static func run(_ spec: String) throws {
        let g = try geometry(spec)
        var rng = RandomGenerator(seed: 0)
        let x = Tensor.normal([g.batch, g.inChannels, g.inHeight, g.inWidth], generator: &rng)
        let w = Tensor.normal([g.outChannels, g.inChannels, g.kernelHeight, g.kernelWidth], std: 0.05, generator: &rng)
        let dy = Tensor.normal([g.batch, g.outChannels, g.outHeight, g.outWidth], generator: &rng)
        var out = Tensor.zeros(dy.shape), dx = Tensor.zeros(x.shape), dw = Tensor.zeros(w.shape)
        let route = Winograd.applicable(g) ? "winograd" : NarrowConvolution.applicable(g) ? "narrow" : "im2col"
        x.withUnsafeBufferPointer { xp in w.withUnsafeBufferPointer { wp in dy.withUnsafeBufferPointer { dyp in
            out.withUnsafeMutableBufferPointer { op in dx.withUnsafeMutableBufferPointer { dxp in dw.withUnsafeMutableBufferPointer { dwp in
                let f = Timing.median(repeats: 5) { Convolution.forward(input: xp.baseAddress!, weight: wp.baseAddress!, output: op.baseAddress!, geometry: g) }
                let bi = Timing.median(repeats: 5) { Convolution.backwardInput(gradOutput: dyp.baseAddress!, weight: wp.baseAddress!, gradInput: dxp.baseAddress!, geometry: g) }
                let bw = Timing.median(repeats: 5) { Convolution.backwardWeight(input: xp.baseAddress!, gradOutput: dyp.baseAddress!, gradWeight: dwp.baseAddress!, geometry: g) }
                let gf = g.flops / 1e9
                print(String(format: "%@ [%@]: forward %.4f s (%.0f GFLOP/s), input grad %.4f s (%.0f), weight grad %.4f s (%.0f)",
                             g.description, route, f, gf / f, bi, gf / bi, bw, gf / bw))
            } } }
        } } }
    }
}
