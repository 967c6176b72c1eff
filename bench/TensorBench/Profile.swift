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
