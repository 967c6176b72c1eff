/// Shape helpers and the single place where shape errors are raised.
///
/// A shape mismatch inside an op is a programming error in the caller (the data it came from is
/// validated where it enters: file loaders, checkpoint loading), so it stops the program with a
/// message naming the op and every shape involved, never a silent wrong number.
public enum ShapeError {
    public static func fail(_ op: String, _ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("\(op): \(message)", file: file, line: line)
    }
}

func describe(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

public enum Shape {
    public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    public static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { s[d] = acc; acc *= shape[d] }
        return s
    }

    /// NumPy broadcasting of two shapes; the error names the op and both shapes.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        var out = [Int](repeating: 1, count: rank)
        for d in 0..<rank {
            if pa[d] == pb[d] || pb[d] == 1 { out[d] = pa[d] }
            else if pa[d] == 1 { out[d] = pb[d] }
            else { ShapeError.fail(op, "shapes \(describe(a)) and \(describe(b)) cannot be broadcast (axis \(d))") }
        }
        return out
    }

    /// Left-pads `shape` with ones to `rank`.
    public static func padded(_ shape: [Int], toRank rank: Int) -> [Int] {
        [Int](repeating: 1, count: rank - shape.count) + shape
    }

    /// Normalises a possibly negative axis, with an error naming the op and the shape.
    public static func axis(_ axis: Int, rank: Int, op: String, shape: [Int]) -> Int {
        let a = axis < 0 ? axis + rank : axis
        if a < 0 || a >= rank { ShapeError.fail(op, "axis \(axis) is out of range for shape \(describe(shape))") }
        return a
    }
}
