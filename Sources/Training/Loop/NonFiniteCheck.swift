import NN
import TensorCore

/// Why a run stopped early. The message names the iteration and the loss or weight at fault.
public struct TrainingStopped: Error, CustomStringConvertible {
    public let iteration: Int
    public let reason: String
    public var description: String { "training stopped at iteration \(iteration): \(reason)" }
}

/// NaN/Inf detection after every iteration: first the losses, then every parameter of every
/// checkpointed module (a NaN weight can come from a finite loss through a huge step).
enum NonFiniteCheck {
    static func check(losses: [String: Float], method: TrainingMethod, iteration: Int) throws {
        for (name, value) in losses.sorted(by: { $0.key < $1.key }) where !value.isFinite {
            throw TrainingStopped(iteration: iteration, reason: "loss \(name) is \(value)")
        }
        for (moduleName, module) in method.checkpointModules {
            for (name, parameter) in module.namedParameters() {
                let finite = parameter.value.withUnsafeBufferPointer { buffer in buffer.allSatisfy(\.isFinite) }
                if !finite {
                    throw TrainingStopped(iteration: iteration, reason: "weight \(moduleName).\(name) \(parameter.shape) holds NaN or Inf")
                }
            }
        }
    }
}
