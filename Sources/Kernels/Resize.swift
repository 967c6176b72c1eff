import Foundation

/// Interpolation weights along one axis: output i reads lo[i] with weight 1 − t[i] and hi[i] with t[i].
public struct LinearTaps: Sendable {
    public var lo: [Int]
    public var hi: [Int]
    public var t: [Float]

    /// PyTorch `align_corners=False` (half-pixel) source coordinates: src = (dst + 0.5)·in/out − 0.5,
    /// clamped below at 0 (`area_pixel_compute_source_index`).
    public init(halfPixelFrom input: Int, to output: Int) {
        let scale = Double(input) / Double(output)
        lo = []; hi = []; t = []
        for i in 0..<output {
            let src = max(0, (Double(i) + 0.5) * scale - 0.5)
            let l = min(Int(src), input - 1)
            lo.append(l)
            hi.append(min(l + 1, input - 1))
            t.append(Float(src - Double(l)))
        }
    }
}

public enum Resize {
    /// Bilinear resize of `planes` planes (half-pixel). With `adjoint`, scatters `output`-shaped
    /// gradients back into `input` (overwritten), which is the backward.
    public static func bilinear(planes: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int,
                                input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                                adjoint: Bool) {
        let ty = LinearTaps(halfPixelFrom: inHeight, to: outHeight)
        let tx = LinearTaps(halfPixelFrom: inWidth, to: outWidth)
        let inPlane = inHeight * inWidth, outPlane = outHeight * outWidth
        if adjoint { Elementwise.fill(input, count: planes * inPlane, value: 0) }
        Parallel.forEach(planes, minimumPerWorker: max(1, 16384 / max(1, outPlane))) { p in
            let ip = input + p * inPlane, op = output + p * outPlane
            for oy in 0..<outHeight {
                let r0 = ip + ty.lo[oy] * inWidth, r1 = ip + ty.hi[oy] * inWidth
                let wy1 = ty.t[oy], wy0 = 1 - wy1
                let orow = op + oy * outWidth
                for ox in 0..<outWidth {
                    let a = tx.lo[ox], b = tx.hi[ox]
                    let wx1 = tx.t[ox], wx0 = 1 - wx1
                    if adjoint {
                        let g = orow[ox]
                        r0[a] += g * wy0 * wx0; r0[b] += g * wy0 * wx1
                        r1[a] += g * wy1 * wx0; r1[b] += g * wy1 * wx1
                    } else {
                        orow[ox] = wy0 * (wx0 * r0[a] + wx1 * r0[b]) + wy1 * (wx0 * r1[a] + wx1 * r1[b])
                    }
                }
            }
        }
    }

    /// Source index per output index for nearest-neighbour resizing. `halfPixel` follows PyTorch's
    /// 'nearest-exact' (floor((i + 0.5)·in/out)); otherwise its legacy 'nearest' (floor(i·in/out)).
    public static func nearestIndices(input: Int, output: Int, halfPixel: Bool) -> [Int] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { i in
            let src = halfPixel ? (Float(i) + 0.5) * scale : Float(i) * scale
            return min(Int(src.rounded(.down)), input - 1)
        }
    }
}
