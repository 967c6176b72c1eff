import Foundation
import TensorCore
import TestSupport

/// Swift twin of `seeded_state_dict` in tools/make_evaluator_fixtures.py: weights too large to commit
/// (FID Inception-v3: 95 MB) are drawn on both sides from NumPy's `RandomState(seed).random_sample`
/// (MT19937 `genrand_res53`, replayed by TensorCore's MersenneTwister), tensor after tensor in sorted
/// name order, then mapped in Float64 exactly as the script maps them and rounded to Float32.
enum SeededWeights {
    /// Every entry of `shapes` but `num_batches_tracked` (zero). `gain` sets the conv/linear bound √(gain/fan_in).
    static func stateDict(shapes: [String: [Int]], seed: UInt32, gain: Double = 6) -> [String: Tensor] {
        var mt = MersenneTwister(seed: seed)
        var out: [String: Tensor] = [:]
        for name in shapes.keys.sorted() {
            let shape = shapes[name]!
            if name.hasSuffix("num_batches_tracked") { out[name] = Tensor.zeros(shape); continue }
            let count = shape.reduce(1, *)
            let values: [Float]
            if name.hasSuffix("running_var") || (shape.count == 1 && name.hasSuffix("weight")) {
                values = (0..<count).map { _ in Float(0.5 + mt.nextDouble()) }
            } else if shape.count == 1 {
                values = (0..<count).map { _ in Float(0.2 * (2 * mt.nextDouble() - 1)) }
            } else {
                let bound = (gain / Double(shape.dropFirst().reduce(1, *))).squareRoot()
                values = (0..<count).map { _ in Float((2 * mt.nextDouble() - 1) * bound) }
            }
            out[name] = Tensor(shape: shape, scalars: values)
        }
        return out
    }

    /// Names and shapes of a state dict written by the fixture script (`save_manifest`).
    static func manifest(_ name: String) throws -> [String: [Int]] {
        let url = Fixtures.directory.appendingPathComponent("evaluators/\(name).json")
        return try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: url))
    }
}

/// `#expect`-friendly comparison with a message naming the tensor.
func expectClose(_ ours: Tensor, _ reference: Tensor, atol: Float, rtol: Float, _ what: String) -> (Bool, String) {
    let c = compareTensors(ours, reference, atol: atol, rtol: rtol)
    return (c.ok, "\(what): \(c.message)")
}

enum FixtureError: Error, CustomStringConvertible {
    case missingTensor(String)
    var description: String { "fixture lacks tensor '\(missing)'" }
    private var missing: String { if case let .missingTensor(n) = self { return n }; return "" }
}

extension SafeTensors.File {
    func tensor(_ name: String) throws -> Tensor {
        guard let t = tensors[name] else { throw FixtureError.missingTensor(name) }
        return t
    }
}
