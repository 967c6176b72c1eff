import Kernels

/// Reference-counted, 64-byte-aligned Float32 buffer behind one or more `Tensor` values.
/// Tensors share storage until one of them is mutated (copy on write).
public final class TensorStorage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    /// Uninitialised storage; every kernel that creates one writes all of it.
    public init(count: Int) {
        self.count = count
        self.pointer = Memory.allocateFloats(count)
    }

    public convenience init(repeating value: Float, count: Int) {
        self.init(count: count)
        Elementwise.fill(pointer, count: count, value: value)
    }

    public convenience init<C: Collection>(_ values: C) where C.Element == Float {
        self.init(count: values.count)
        var i = 0
        for v in values { pointer[i] = v; i += 1 }
    }

    public func copy() -> TensorStorage {
        let other = TensorStorage(count: count)
        Elementwise.copy(pointer, other.pointer, count: count)
        return other
    }

    deinit { Memory.deallocate(pointer, count: count) }
}
