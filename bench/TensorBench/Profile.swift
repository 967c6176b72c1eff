import ArgumentParser
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
    static func run(_ spec: String) throws {
        let v = spec.split(separator: ",").compactMap { Int($0) }
        guard v.count == 8 else { throw ValidationError("--profile-conv expects N,C,H,W,K,k,s,p") }
        let g = Conv2DGeometry(batch: v[0], inChannels: v[1], inHeight: v[2], inWidth: v[3], outChannels: v[4],
                               kernelHeight: v[5], kernelWidth: v[5], strideH: v[6], strideW: v[6], padH: v[7], padW: v[7])
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
