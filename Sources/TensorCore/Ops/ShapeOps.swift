import Kernels

extension Tensor {
    /// Same elements, new shape (one axis may be −1). Shares storage; backward reshapes back.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            if known == 0 || count % known != 0 {
                ShapeError.fail("reshape", "cannot reshape \(describe(shape)) into \(describe(newShape))")
            }
            target[inferred] = count / known
        }
        if Shape.count(target) != count {
            ShapeError.fail("reshape", "cannot reshape \(describe(shape)) (\(count) elements) into \(describe(newShape))")
        }
        if target == shape { return self }
        let original = shape
        return Tensor.record("reshape", Tensor(shape: target, storage: storage), inputs: [self]) { g, _ in
            [g.reshaped(original)]
        }
    }

    /// Collapses axes from `startAxis` on into one.
    public func flattened(from startAxis: Int = 1) -> Tensor {
        let a = Shape.axis(startAxis, rank: rank, op: "flatten", shape: shape)
        return reshaped(Array(shape[0..<a]) + [shape[a...].reduce(1, *)])
    }

    /// Axes reordered: result axis i is input axis `order[i]`. Backward: the inverse permutation.
    public func permuted(_ order: [Int]) -> Tensor {
        if order.count != rank || Set(order) != Set(0..<rank) {
            ShapeError.fail("permute", "order \(order) is not a permutation of the axes of \(describe(shape))")
        }
        if order == Array(0..<rank) { return self }
        let out = Tensor(uninitializedShape: order.map { shape[$0] })
        Layout.permute(pointer, shape: shape, perm: order, into: out.pointer)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return Tensor.record("permute", out, inputs: [self]) { g, _ in [g.permuted(inverse)] }
    }

    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(Shape.axis(a, rank: rank, op: "transpose", shape: shape),
                     Shape.axis(b, rank: rank, op: "transpose", shape: shape))
        return permuted(order)
    }

    /// Matrix transpose of a rank-2 tensor.
    public var t: Tensor {
        if rank != 2 { ShapeError.fail("t", "expects a matrix, got \(describe(shape))") }
        return transposed(0, 1)
    }

    /// The box of `sizes` starting at `starts`. Backward: `padded(into:at:)`.
    public func slice(starts: [Int], sizes: [Int]) -> Tensor {
        if starts.count != rank || sizes.count != rank
            || (0..<rank).contains(where: { starts[$0] < 0 || sizes[$0] < 0 || starts[$0] + sizes[$0] > shape[$0] }) {
            ShapeError.fail("slice", "box at \(starts) of size \(sizes) does not fit in \(describe(shape))")
        }
        if sizes == shape { return self }
        let out = Tensor(uninitializedShape: sizes)
        Layout.copyBox(pointer, srcShape: shape, srcOffset: starts, out.pointer, dstShape: sizes,
                       dstOffset: [Int](repeating: 0, count: rank), size: sizes)
        let original = shape
        return Tensor.record("slice", out, inputs: [self]) { g, _ in [g.padded(into: original, at: starts)] }
    }

    /// Elements `range` of one axis.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = Shape.axis(axis, rank: rank, op: "slice", shape: shape)
        var starts = [Int](repeating: 0, count: rank), sizes = shape
        starts[a] = range.lowerBound; sizes[a] = range.count
        return slice(starts: starts, sizes: sizes)
    }

    /// A zero tensor of `targetShape` with this tensor placed at `offset` (zero padding in general
    /// form). Backward: `slice`.
    public func padded(into targetShape: [Int], at offset: [Int]) -> Tensor {
        if targetShape.count != rank || offset.count != rank
            || (0..<rank).contains(where: { offset[$0] < 0 || offset[$0] + shape[$0] > targetShape[$0] }) {
            ShapeError.fail("pad", "\(describe(shape)) at \(offset) does not fit in \(describe(targetShape))")
        }
        if targetShape == shape { return self }
        let out = Tensor.zeros(targetShape)
        Layout.copyBox(pointer, srcShape: shape, srcOffset: [Int](repeating: 0, count: rank),
                       out.pointer, dstShape: targetShape, dstOffset: offset, size: shape)
        let original = shape
        return Tensor.record("pad", out, inputs: [self]) { g, _ in [g.slice(starts: offset, sizes: original)] }
    }

    /// Zero padding of the last two axes (top, bottom, left, right).
    public func zeroPadded2D(top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        if rank < 2 { ShapeError.fail("zeroPad2D", "needs at least 2 axes, got \(describe(shape))") }
        var target = shape
        target[rank - 2] += top + bottom
        target[rank - 1] += left + right
        var offset = [Int](repeating: 0, count: rank)
        offset[rank - 2] = top; offset[rank - 1] = left
        return padded(into: target, at: offset)
    }

    /// Reflection padding of the last two axes (PyTorch ReflectionPad2d; each pad < that axis' size).
    /// Backward: the adjoint scatter, whose own backward is this padding again.
    public func reflectionPadded2D(top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        if rank < 2 { ShapeError.fail("reflectionPad2D", "needs at least 2 axes, got \(describe(shape))") }
        let h = shape[rank - 2], w = shape[rank - 1]
        if Swift.max(top, bottom) >= h || Swift.max(left, right) >= w {
            ShapeError.fail("reflectionPad2D", "padding (\(top), \(bottom), \(left), \(right)) must be smaller than the input \(describe(shape))")
        }
        let planes = count / (h * w)
        var target = shape
        target[rank - 2] += top + bottom
        target[rank - 1] += left + right
        let out = Tensor(uninitializedShape: target)
        Layout.reflectionPad2D(planes: planes, height: h, width: w, top: top, bottom: bottom, left: left, right: right,
                               src: pointer, padded: out.pointer, adjoint: false)
        let original = shape
        return Tensor.record("reflectionPad2D", out, inputs: [self]) { g, _ in
            [g.reflectionPad2DAdjoint(original: original, top: top, bottom: bottom, left: left, right: right)]
        }
    }

    func reflectionPad2DAdjoint(original: [Int], top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        let h = original[original.count - 2], w = original[original.count - 1]
        let out = Tensor.zeros(original)
        Layout.reflectionPad2D(planes: out.count / (h * w), height: h, width: w, top: top, bottom: bottom,
                               left: left, right: right, src: out.pointer, padded: pointer, adjoint: true)
        return Tensor.record("reflectionPad2DAdjoint", out, inputs: [self]) { g, _ in
            [g.reflectionPadded2D(top: top, bottom: bottom, left: left, right: right)]
        }
    }

    /// Joins tensors along `axis`. Backward: slices.
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        guard let first = tensors.first else { ShapeError.fail("concat", "no tensors to concatenate") }
        let a = Shape.axis(axis, rank: first.rank, op: "concat", shape: first.shape)
        for t in tensors where t.rank != first.rank
            || (0..<first.rank).contains(where: { $0 != a && t.shape[$0] != first.shape[$0] }) {
            ShapeError.fail("concat", "shapes \(tensors.map { describe($0.shape) }.joined(separator: ", ")) differ off axis \(a)")
        }
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let out = Tensor(uninitializedShape: outShape)
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            var dst = [Int](repeating: 0, count: first.rank)
            dst[a] = offset
            Layout.copyBox(t.pointer, srcShape: t.shape, srcOffset: [Int](repeating: 0, count: t.rank),
                           out.pointer, dstShape: outShape, dstOffset: dst, size: t.shape)
            offsets.append(offset)
            offset += t.shape[a]
        }
        return record("concat", out, inputs: tensors) { g, needs in
            tensors.indices.map { i in
                needs[i] ? g.slice(axis: a, offsets[i]..<(offsets[i] + tensors[i].shape[a])) : nil
            }
        }
    }

    /// Splits along `axis` into pieces of the given sizes.
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let a = Shape.axis(axis, rank: rank, op: "split", shape: shape)
        if sizes.reduce(0, +) != shape[a] {
            ShapeError.fail("split", "sizes \(sizes) do not add up to axis \(a) of \(describe(shape))")
        }
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return slice(axis: a, start..<(start + n))
        }
    }

    /// Repeats the tensor `repeats[d]` times along each axis (NumPy `tile`, PyTorch `repeat`).
    public func tiled(_ repeats: [Int]) -> Tensor {
        if repeats.count != rank { ShapeError.fail("tile", "\(repeats.count) repeats for shape \(describe(shape))") }
        // [a, b] → [1, a, 1, b] → expand [r0, a, r1, b] → reshape [r0·a, r1·b].
        var interleaved: [Int] = [], expandedShape: [Int] = []
        for d in 0..<rank {
            interleaved += [1, shape[d]]
            expandedShape += [repeats[d], shape[d]]
        }
        return reshaped(interleaved).expanded(to: expandedShape).reshaped(zip(repeats, shape).map(*))
    }

    /// Inserts a size-1 axis.
    public func unsqueezed(_ axis: Int) -> Tensor {
        var s = shape
        s.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(s)
    }
}
