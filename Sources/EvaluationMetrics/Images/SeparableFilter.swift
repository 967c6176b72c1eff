/// 'Valid' separable filtering of a plane: the window never leaves the image, so an H×W plane gives an
/// (H − k + 1)×(W − k + 1) result (TF `_ssim_helper` uses `padding='VALID'`; pytorch-msssim's
/// `gaussian_filter` uses `conv2d` without padding).
enum SeparableFilter {
    static func valid(_ plane: Plane, taps: [Double]) -> Plane {
        let k = taps.count
        let outH = plane.height - k + 1, outW = plane.width - k + 1
        precondition(outH > 0 && outW > 0, "SeparableFilter.valid: plane smaller than the window")
        // Horizontal pass: H × outW. Loops run tap-major so the inner loop is a contiguous axpy.
        var rows = [Double](repeating: 0, count: plane.height * outW)
        plane.values.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { dst in
                for r in 0..<plane.height {
                    let s = src.baseAddress! + r * plane.width
                    let d = dst.baseAddress! + r * outW
                    for (t, w) in taps.enumerated() {
                        for j in 0..<outW { d[j] += w * s[j + t] }
                    }
                }
            }
        }
        // Vertical pass: outH × outW.
        var out = [Double](repeating: 0, count: outH * outW)
        rows.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for r in 0..<outH {
                    let d = dst.baseAddress! + r * outW
                    for (t, w) in taps.enumerated() {
                        let s = src.baseAddress! + (r + t) * outW
                        for j in 0..<outW { d[j] += w * s[j] }
                    }
                }
            }
        }
        return Plane(height: outH, width: outW, values: out)
    }
}
