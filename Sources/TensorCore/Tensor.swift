import Kernels

/// A dense, contiguous Float32 tensor (NCHW for images) with value semantics.
///
/// Copies share one `TensorStorage` until one is mutated. A tensor that takes part in
/// differentiation carries an `AutogradNode`: leaves get one from `requiringGradient()`, results of
/// operations get one when any input has one and `GradMode.isEnabled`.
public struct Tensor: @unchecked Sendable {
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage
    @usableFromInline var node: AutogradNode?

    // MARK: Creation

    /// Wraps existing storage (no copy).
    init(shape: [Int], storage: TensorStorage, node: AutogradNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor with uninitialised contents, for kernels that write every element.
    public init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(count: Shape.count(shape)))
    }

    public init(shape: [Int], scalars: [Float]) {
        let n = Shape.count(shape)
        if scalars.count != n {
            ShapeError.fail("Tensor(shape:scalars:)", "shape \(describe(shape)) needs \(n) scalars, got \(scalars.count)")
        }
        self.init(shape: shape, storage: TensorStorage(scalars))
    }

    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)))
    }

    /// A rank-0 tensor.
    public init(_ scalar: Float) {
        self.init(shape: [], scalars: [scalar])
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }
    public static func zeros(like t: Tensor) -> Tensor { zeros(t.shape) }
    public static func ones(like t: Tensor) -> Tensor { ones(t.shape) }

    // MARK: Properties

    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count)) }

    /// The single value of a one-element tensor.
    public var scalar: Float {
        if count != 1 { ShapeError.fail("scalar", "tensor of shape \(describe(shape)) has \(count) elements, not 1") }
        return storage.pointer[0]
    }

    /// True for leaves created by `requiringGradient()` and for results that depend on one.
    public var requiresGradient: Bool { node != nil }

    /// Storage identity, for tests of copy-on-write.
    public var storageIdentifier: ObjectIdentifier { ObjectIdentifier(storage) }

    // MARK: Raw access

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Mutable access; copies the storage first if another tensor shares it.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    // MARK: Autodiff identity

    /// A leaf of the graph: gradients can be taken with respect to it. The values are shared.
    public func requiringGradient(_ name: String = "leaf") -> Tensor {
        Tensor(shape: shape, storage: storage, node: AutogradNode(leafNamed: name, shape: shape))
    }

    /// The same values, cut from the graph.
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// A deep copy (new storage), cut from the graph.
    public func copied() -> Tensor { Tensor(shape: shape, storage: storage.copy()) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor\(describe(shape))[\(preview)\(count > 8 ? ", …" : "")]"
    }
}

import Foundation
