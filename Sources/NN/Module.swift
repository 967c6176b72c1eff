import TensorCore

/// A trainable tensor owned by a module. A box (reference), so optimisers can update it in place
/// of the module's stored property; `value` is always a gradient leaf.
public final class Parameter {
    public var value: Tensor {
        didSet { if !value.requiresGradient { value = value.requiringGradient() } }
    }

    public init(_ value: Tensor) {
        self.value = value.requiringGradient()
    }

    public var shape: [Int] { value.shape }
}

/// A non-trained tensor that is part of a module's state (running statistics).
public final class Buffer {
    public var value: Tensor
    public init(_ value: Tensor) { self.value = value.detached() }
}

/// Base class of every layer and network.
///
/// Parameters, buffers and sub-modules are found by walking stored properties (Mirror), and named by
/// their property path with camelCase turned into snake_case, so a Swift network whose properties
/// follow the PyTorch module's attribute names has exactly PyTorch's state-dict keys
/// (`main.3.weight`, `main.1.running_mean`) and converted weights load without a table of names.
open class Module {
    /// Training mode (batch norm statistics, dropout). Set recursively with `train()` / `eval()`.
    public private(set) var isTraining = true

    public init() {}

    /// Single-input forward; layers override it. Networks with several inputs add their own methods.
    open func forward(_ x: Tensor) -> Tensor {
        fatalError("\(type(of: self)) does not implement forward(_:)")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { forward(x) }

    // MARK: Structure

    /// Direct sub-modules with their names. The default reads stored properties; containers override.
    open func namedChildren() -> [(String, Module)] {
        var out: [(String, Module)] = []
        forEachProperty { name, value in
            if let m = value as? Module { out.append((name, m)) }
            else if let ms = value as? [Module] { for (i, m) in ms.enumerated() { out.append(("\(name).\(i)", m)) } }
        }
        return out
    }

    /// Parameters held directly by this module (not its children), with their names.
    open func namedLocalParameters() -> [(String, Parameter)] {
        var out: [(String, Parameter)] = []
        forEachProperty { name, value in if let p = value as? Parameter { out.append((name, p)) } }
        return out
    }

    open func namedLocalBuffers() -> [(String, Buffer)] {
        var out: [(String, Buffer)] = []
        forEachProperty { name, value in if let b = value as? Buffer { out.append((name, b)) } }
        return out
    }

    func forEachProperty(_ body: (String, Any) -> Void) {
        var mirror: Mirror? = Mirror(reflecting: self)
        var levels: [Mirror] = []
        while let m = mirror { levels.append(m); mirror = m.superclassMirror }
        // Superclass properties first, as they are declared first.
        for m in levels.reversed() {
            for child in m.children {
                guard let label = child.label, !label.hasPrefix("_") else { continue }
                body(Self.stateDictName(label), child.value)
            }
        }
    }

    /// camelCase → snake_case (`runningMean` → `running_mean`).
    public static func stateDictName(_ property: String) -> String {
        var out = ""
        for ch in property {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    /// All parameters, depth first, named by path.
    public func namedParameters(prefix: String = "") -> [(String, Parameter)] {
        var out = namedLocalParameters().map { (prefix + $0.0, $0.1) }
        for (name, child) in namedChildren() { out += child.namedParameters(prefix: prefix + name + ".") }
        return out
    }

    public func namedBuffers(prefix: String = "") -> [(String, Buffer)] {
        var out = namedLocalBuffers().map { (prefix + $0.0, $0.1) }
        for (name, child) in namedChildren() { out += child.namedBuffers(prefix: prefix + name + ".") }
        return out
    }

    public func parameters() -> [Parameter] { namedParameters().map(\.1) }

    /// This module and all sub-modules, depth first.
    public func modules() -> [Module] {
        [self] + namedChildren().flatMap { $0.1.modules() }
    }

    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.value.count } }

    // MARK: Modes

    public func train(_ on: Bool = true) {
        for m in modules() { m.isTraining = on }
    }

    public func eval() { train(false) }

    // MARK: State dict

    /// Parameters and buffers by name (the PyTorch `state_dict`).
    public func stateDict() -> [String: Tensor] {
        var d = [String: Tensor]()
        for (n, p) in namedParameters() { d[n] = p.value.detached() }
        for (n, b) in namedBuffers() { d[n] = b.value }
        return d
    }

    /// Loads values by name. Every parameter and buffer must be present with the same number of
    /// elements and the same shape (a 1-element tensor may stand for a rank-0 one); extra keys are an
    /// error when `strict`. `source` names the file in errors. All or nothing: a failed load leaves
    /// every parameter and buffer as it was.
    public func loadStateDict(_ dict: [String: Tensor], strict: Bool = true, source: String = "state dict") throws {
        try preparedStateDictLoad(dict, strict: strict, source: source).apply()
    }

    /// Checks `dict` against this module without changing it; `apply()` on the result then writes
    /// every value. Loading several modules atomically checks them all before applying any.
    public func preparedStateDictLoad(_ dict: [String: Tensor], strict: Bool = true,
                                      source: String = "state dict") throws -> PreparedLoad {
        var expected = Set<String>()
        var problems: [String] = []
        var assignments: [() -> Void] = []
        func check(_ name: String, _ shape: [Int], _ set: @escaping (Tensor) -> Void) {
            expected.insert(name)
            guard let t = dict[name] else { problems.append("missing '\(name)' (expected shape \(shape))"); return }
            let compatible = t.shape == shape || (t.count == 1 && Shape.count(shape) == 1)
            if !compatible { problems.append("'\(name)' has shape \(t.shape), the model expects \(shape)"); return }
            let value = t.reshaped(shape).detached()
            assignments.append { set(value) }
        }
        for (n, p) in namedParameters() { check(n, p.shape) { p.value = $0 } }
        for (n, b) in namedBuffers() { check(n, b.value.shape) { b.value = $0 } }
        if strict {
            for key in dict.keys.sorted() where !expected.contains(key) { problems.append("unexpected key '\(key)'") }
        }
        if !problems.isEmpty { throw StateDictError(source: source, problems: problems) }
        return PreparedLoad(assignments)
    }
}

/// A load whose every value has been checked; `apply()` writes them and cannot fail.
public struct PreparedLoad {
    let assignments: [() -> Void]

    init(_ assignments: [() -> Void]) { self.assignments = assignments }

    public func apply() { for assign in assignments { assign() } }
}

public struct StateDictError: Error, CustomStringConvertible {
    public let source: String
    public let problems: [String]
    public var description: String {
        "\(source): \(problems.count) problem(s) loading weights:\n  " + problems.prefix(20).joined(separator: "\n  ")
            + (problems.count > 20 ? "\n  … and \(problems.count - 20) more" : "")
    }
}
