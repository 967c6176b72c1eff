import Testing
import TensorCore

@Suite struct SmokeTests {
    @Test func addBroadcastAndGradient() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]).requiringGradient()
        let b = Tensor(shape: [3], scalars: [10, 20, 30]).requiringGradient()
        let y = (a * b).sum()
        #expect(y.scalar == 10 + 40 + 90 + 40 + 100 + 180)
        let g = gradients(of: y, wrt: [a, b])
        #expect(g[0].scalars == [10, 20, 30, 10, 20, 30])
        #expect(g[1].scalars == [5, 7, 9])
    }
}
