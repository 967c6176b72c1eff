import Foundation
import TensorCore

/// Saving and loading weights and training state as safetensors.
///
/// A model file holds exactly the PyTorch-style state dict, so converted PyTorch weights load with
/// `load(from:)`. A training checkpoint prefixes each network's and optimiser's entries with its
/// name (`G.main.0.weight`, `G_opt.exp_avg.main.0.weight`) and stores the iteration and RNG streams in
/// the metadata, so a run resumes where it stopped.
extension Module {
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.write(stateDict(), metadata: metadata, to: url)
    }

    /// Loads a state dict file; `stripPrefix` removes e.g. "module." left by `nn.DataParallel`.
    public func load(from url: URL, strict: Bool = true, stripPrefix: String? = nil) throws {
        var dict = try SafeTensors.read(url).tensors
        if let stripPrefix {
            // A file holding both `module.x` and `x` would collide once stripped: an error, not a trap.
            var stripped: [String: Tensor] = [:]
            for key in dict.keys.sorted() {
                let name = key.hasPrefix(stripPrefix) ? String(key.dropFirst(stripPrefix.count)) : key
                guard stripped[name] == nil else {
                    throw StateDictError(source: url.path, problems: ["'\(key)' and another key both become '\(name)' once '\(stripPrefix)' is removed"])
                }
                stripped[name] = dict[key]
            }
            dict = stripped
        }
        try loadStateDict(dict, strict: strict, source: url.path)
    }
}

public struct TrainingCheckpoint {
    public var modules: [String: Module]
    public var optimizers: [String: (Adam, Module)]

    public init(modules: [String: Module], optimizers: [String: (Adam, Module)] = [:]) {
        self.modules = modules
        self.optimizers = optimizers
    }

    public func save(to url: URL, iteration: Int, metadata: [String: String] = [:]) throws {
        var tensors = [String: Tensor]()
        var meta = metadata
        meta["iteration"] = String(iteration)
        for (name, m) in modules {
            for (k, v) in m.stateDict() { tensors["\(name).\(k)"] = v }
        }
        for (name, (opt, module)) in optimizers {
            let (d, step) = opt.stateDict(names: module.namedParameters().map(\.0))
            for (k, v) in d { tensors["\(name).\(k)"] = v }
            meta["\(name).step"] = String(step)
        }
        try SafeTensors.write(tensors, metadata: meta, to: url)
    }

    /// Restores every module and optimiser; returns the iteration and the metadata. All or nothing:
    /// every section and the metadata are checked before any value is written, so a file with a
    /// wrong shape or a missing optimiser entry leaves the networks and optimisers as they were.
    @discardableResult
    public func load(from url: URL) throws -> (iteration: Int, metadata: [String: String]) {
        let file = try SafeTensors.read(url)
        func section(_ name: String) -> [String: Tensor] {
            let prefix = name + "."
            return Dictionary(uniqueKeysWithValues: file.tensors.compactMap {
                $0.key.hasPrefix(prefix) ? (String($0.key.dropFirst(prefix.count)), $0.value) : nil
            })
        }
        guard let it = file.metadata["iteration"].flatMap(Int.init), it >= 0 else {
            throw SafeTensorsError(path: url.path, message: "metadata lacks 'iteration' (a non-negative integer)")
        }
        var loads: [PreparedLoad] = []
        for (name, m) in modules.sorted(by: { $0.key < $1.key }) {
            loads.append(try m.preparedStateDictLoad(section(name), source: "\(url.path) [\(name)]"))
        }
        for (name, (opt, module)) in optimizers.sorted(by: { $0.key < $1.key }) {
            guard let stepText = file.metadata["\(name).step"], let step = Int(stepText) else {
                throw SafeTensorsError(path: url.path, message: "metadata lacks '\(name).step'")
            }
            loads.append(try opt.preparedStateDictLoad(section(name), step: step, names: module.namedParameters().map(\.0),
                                                       source: "\(url.path) [\(name)]"))
        }
        for load in loads { load.apply() }
        return (it, file.metadata)
    }
}
