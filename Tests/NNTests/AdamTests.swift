import Testing
import NN
import TensorCore
import TestSupport

@Suite struct AdamTests {
    /// Three steps of torch.optim.Adam(lr 1e-2, betas (0.5, 0.999), eps 1e-8, weight_decay 1e-3).
    @Test func matchesPyTorchAdam() throws {
        let t = try Fixtures.load("adam").tensors
        let p = Parameter(t["p0"]!)
        let adam = Adam([p], learningRate: 1e-2, beta1: 0.5, beta2: 0.999, eps: 1e-8, weightDecay: 1e-3)
        for step in 0..<3 {
            adam.update(gradients: [t["g\(step)"]!])
            let c = compareTensors(p.value, t["p\(step + 1)"]!, atol: 1e-6, rtol: 1e-5)
            #expect(c.ok, "after step \(step + 1): \(c.message)")
        }
        #expect(adam.step == 3)
    }
}
