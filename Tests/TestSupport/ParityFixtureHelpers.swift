import NN
import TensorCore

/// Helpers shared by the step-parity suites (StarGAN, CycleGAN, IcGAN, …).
public enum ParityFixtures {
    /// The tensors of `file` whose names start with `prefix`, with the prefix removed.
    public static func section(_ file: SafeTensors.File, _ prefix: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: file.tensors.compactMap { key, value in
            key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil
        })
    }

    /// State-dict names of conv, conv-transpose and linear biases directly followed (inside a
    /// Sequential) by a layer `isNormalization` accepts. Their gradient is zero in theory, so Adam turns
    /// rounding noise into ±lr steps in both implementations; the parity suites hold them to a looser bound.
    public static func biasesBeforeNormalization(_ module: Module, isNormalization: (Module) -> Bool) -> [String] {
        var out: [String] = []
        func walk(_ m: Module, _ prefix: String) {
            if let sequential = m as? Sequential {
                for (i, layer) in sequential.layers.enumerated() where i + 1 < sequential.layers.count {
                    let hasBias = (layer as? Conv2d)?.bias != nil || (layer as? ConvTranspose2d)?.bias != nil
                        || (layer as? Linear)?.bias != nil
                    if hasBias && isNormalization(sequential.layers[i + 1]) { out.append(prefix + "\(i).bias") }
                }
            }
            for (name, child) in m.namedChildren() { walk(child, prefix + name + ".") }
        }
        walk(module, "")
        return out
    }
}
