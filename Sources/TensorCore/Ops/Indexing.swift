import Kernels

/// Flat element indices into a tensor, shared (reference-counted) between a forward op and its
/// backward rules.
public struct FlatIndex: Sendable {
    public let values: [Int]
    public init(_ values: [Int]) { self.values = values }
    public var count: Int { values.count }
}

extension Tensor {
    /// out[i] = self.flat[index[i]], shaped `shape`. Backward: `scatterAdd`.
    public func gathered(_ index: FlatIndex, shape outShape: [Int]) -> Tensor {
        if Shape.count(outShape) != index.count {
            ShapeError.fail("gather", "output shape \(describe(outShape)) has \(Shape.count(outShape)) elements for \(index.count) indices")
        }
        let out = Tensor(uninitializedShape: outShape)
        index.values.withUnsafeBufferPointer { idx in
            Layout.gather(pointer, indices: idx.baseAddress!, count: index.count, into: out.pointer)
        }
        let inputShape = shape
        return Tensor.record("gather", out, inputs: [self]) { g, _ in [g.scatterAdd(index, into: inputShape)] }
    }

    /// A zero tensor of `targetShape` with self.flat[i] added at index[i]. Backward: `gathered`.
    public func scatterAdd(_ index: FlatIndex, into targetShape: [Int]) -> Tensor {
        if count != index.count {
            ShapeError.fail("scatterAdd", "\(count) values of shape \(describe(shape)) for \(index.count) indices")
        }
        let out = Tensor.zeros(targetShape)
        index.values.withUnsafeBufferPointer { idx in
            Layout.scatterAdd(pointer, indices: idx.baseAddress!, count: index.count, into: out.pointer)
        }
        let sourceShape = shape
        return Tensor.record("scatterAdd", out, inputs: [self]) { g, _ in [g.gathered(index, shape: sourceShape)] }
    }
}
