/// The Adam update over raw buffers (PyTorch `_single_tensor_adam` order, L2 weight decay added to
/// the gradient), split across workers. Every element is independent, so the split does not change bits.
public enum AdamKernel {
    public struct Coefficients: Sendable {
        public var beta1: Float, beta2: Float, eps: Float, weightDecay: Float
        /// lr / (1 − β1ᵗ)
        public var stepSize: Float
        /// √(1 − β2ᵗ)
        public var bias2Sqrt: Float
        public init(beta1: Float, beta2: Float, eps: Float, weightDecay: Float, stepSize: Float, bias2Sqrt: Float) {
            self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
            self.stepSize = stepSize; self.bias2Sqrt = bias2Sqrt
        }
    }

    public static func step(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                            firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
                            count: Int, _ c: Coefficients) {
        Parallel.forEachChunk(count, minimumPerWorker: 1 << 15) { r in
            let (b1, b2, eps, wd, stepSize, bias2Sqrt) = (c.beta1, c.beta2, c.eps, c.weightDecay, c.stepSize, c.bias2Sqrt)
            for j in r {
                let grad = wd == 0 ? g[j] : g[j] + wd * p[j]
                m[j] += (grad - m[j]) * (1 - b1)
                v[j] = v[j] * b2 + (1 - b2) * grad * grad
                let denom = v[j].squareRoot() / bias2Sqrt + eps
                p[j] -= stepSize * m[j] / denom
            }
        }
    }
}
