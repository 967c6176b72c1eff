import Testing
import NN
import TensorCore
import TestSupport

/// `nn.InstanceNorm2d(affine, track_running_stats)` and `nn.BatchNorm2d` after three training forwards,
/// against PyTorch (tools/make_fixtures.py `norm_modules`): outputs, running statistics and
/// `num_batches_tracked`, which PyTorch's InstanceNorm never increments (only `_BatchNorm.forward` does),
/// so StarGAN checkpoints written here carry the same buffers as PyTorch's.
@Suite struct NormModuleFixtureTests {
    @Test func runningBuffersMatchPyTorchAfterThreeSteps() throws {
        let t = try Fixtures.load("norm_modules").tensors
        var rng = RandomGenerator(seed: 0)
        let instance = InstanceNorm2d(3, affine: true, trackRunningStats: true, generator: &rng)
        try instance.loadStateDict(["weight": t["in.weight"]!, "bias": t["in.bias"]!,
                                    "running_mean": Tensor.zeros([3]), "running_var": Tensor.ones([3]),
                                    "num_batches_tracked": Tensor.zeros([])])
        let batch = BatchNorm2d(3)
        for step in 0..<3 {
            let x = t["step\(step).x"]!
            let yi = instance(x), yb = batch(x)
            #expect(compareTensors(yi, t["step\(step).in_y"]!, atol: 1e-5, rtol: 1e-5).ok, "step \(step) instance norm")
            #expect(compareTensors(yb, t["step\(step).bn_y"]!, atol: 1e-5, rtol: 1e-5).ok, "step \(step) batch norm")
        }
        let instanceState = instance.stateDict(), batchState = batch.stateDict()
        for name in ["running_mean", "running_var"] {
            let i = compareTensors(instanceState[name]!, t["in.\(name)"]!, atol: 1e-6, rtol: 1e-5)
            let b = compareTensors(batchState[name]!, t["bn.\(name)"]!, atol: 1e-6, rtol: 1e-5)
            #expect(i.ok, "instance norm \(name): \(i.message)")
            #expect(b.ok, "batch norm \(name): \(b.message)")
        }
        #expect(t["in.num_batches_tracked"]!.scalar == 0)
        #expect(instanceState["num_batches_tracked"]!.scalar == 0)
        #expect(batchState["num_batches_tracked"]!.scalar == t["bn.num_batches_tracked"]!.scalar)
        #expect(batchState["num_batches_tracked"]!.scalar == 3)
    }
}
