/// How MS-SSIM's 2×2 average pooling treats an odd side. Both give ⌈side/2⌉ output pixels; they
/// differ only in the border values of odd-sized images (`evaluators.md` §2.2). Even sides (256², 128²,
/// …) give identical results.
public enum OddSidePadding: Sendable {
    /// pytorch-msssim (`ssim.py` `ms_ssim`): `avg_pool2d(kernel 2, padding = side % 2)`, zeros on both
    /// sides counted in the average.
    case zerosBothSides
    /// TensorFlow (`image_ops_impl.py` `do_pad`): pad bottom/right by `side % 2` in SYMMETRIC mode
    /// (repeat the last row/column), then VALID 2×2 pooling.
    case symmetricBottomRight
}

enum Downsampling {
    /// Size of one side after pooling (the same rule for both paddings).
    static func pooledSide(_ side: Int) -> Int { (side + 1) / 2 }

    /// 2×2 average pooling with stride 2.
    static func averagePool(_ plane: Plane, padding: OddSidePadding) -> Plane {
        let outH = pooledSide(plane.height), outW = pooledSide(plane.width)
        // Source index of window element `offset` (0 or 1) for output index `o` along a side.
        func source(_ o: Int, _ offset: Int, side: Int) -> Int? {
            switch padding {
            case .zerosBothSides:
                let i = 2 * o - side % 2 + offset
                return i >= 0 && i < side ? i : nil
            case .symmetricBottomRight:
                return min(2 * o + offset, side - 1)
            }
        }
        var out = [Double](repeating: 0, count: outH * outW)
        for r in 0..<outH {
            for c in 0..<outW {
                var sum = 0.0
                for dr in 0...1 {
                    guard let sr = source(r, dr, side: plane.height) else { continue }
                    for dc in 0...1 {
                        guard let sc = source(c, dc, side: plane.width) else { continue }
                        sum += plane.values[sr * plane.width + sc]
                    }
                }
                out[r * outW + c] = sum / 4
            }
        }
        return Plane(height: outH, width: outW, values: out)
    }
}
