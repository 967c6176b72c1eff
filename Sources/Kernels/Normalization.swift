/// Fused instance / batch normalisation kernels over NCHW buffers viewed as [N, C, plane].
///
/// Statistics groups: per (n, c) plane for instance norm, per channel c across the batch for batch
/// norm. The backward is the closed form dx = γ·σ⁻¹·(dy − mean(dy) − x̂·mean(dy·x̂)); the autodiff
/// layer checks it against the composed (unfused) graph in tests.
public struct NormLayout: Sendable {
    public var batch: Int
    public var channels: Int
    public var plane: Int
    public var perInstance: Bool

    public init(batch: Int, channels: Int, plane: Int, perInstance: Bool) {
        self.batch = batch; self.channels = channels; self.plane = plane; self.perInstance = perInstance
    }

    public var groupCount: Int { perInstance ? batch * channels : channels }
    /// Elements per statistics group.
    public var groupSize: Int { perInstance ? plane : batch * plane }
    /// Planes of group g (offsets of contiguous runs of `plane` floats).
    @inlinable
    func planeOffsets(_ g: Int) -> StrideTo<Int> {
        if perInstance { return stride(from: g * plane, to: g * plane + 1, by: 1) }
        return stride(from: g * plane, to: batch * channels * plane, by: channels * plane)
    }
    @inlinable
    func channel(ofGroup g: Int) -> Int { perInstance ? g % channels : g }
}

public enum Normalization {
    @inlinable
    static func sumSquaredDeviation(_ p: UnsafePointer<Float>, _ n: Int, _ mean: Float) -> Double {
        var acc = SIMD8<Float>()
        var total = 0.0
        let m = SIMD8<Float>(repeating: mean)
        var i = 0
        while i + 8 <= n {
            let d = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self) - m
            acc += d * d
            i += 8
            if i % 4096 == 0 { total += Double(acc.sum()); acc = SIMD8<Float>() }
        }
        total += Double(acc.sum())
        while i < n { let d = p[i] - mean; total += Double(d * d); i += 1 }
        return total
    }

    /// Per-group mean, biased variance and 1/sqrt(var + eps).
    public static func statistics(_ x: UnsafePointer<Float>, _ l: NormLayout, eps: Float,
                                  mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>,
                                  invStd: UnsafeMutablePointer<Float>) {
        let size = Double(l.groupSize)
        Parallel.forEach(l.groupCount, minimumPerWorker: max(1, 32768 / l.groupSize)) { g in
            var s = 0.0
            for off in l.planeOffsets(g) { s += Reduce.sum(x + off, count: l.plane) }
            let m = Float(s / size)
            var ss = 0.0
            for off in l.planeOffsets(g) { ss += sumSquaredDeviation(x + off, l.plane, m) }
            let v = Float(ss / size)
            mean[g] = m
            variance[g] = v
            invStd[g] = 1 / (v + eps).squareRoot()
        }
    }

    /// y = (x − mean)·invStd·γ[c] + β[c] (γ, β optional).
    public static func forward(_ x: UnsafePointer<Float>, _ l: NormLayout,
                               mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
                               gamma: UnsafePointer<Float>?, beta: UnsafePointer<Float>?,
                               _ y: UnsafeMutablePointer<Float>) {
        Parallel.forEach(l.groupCount, minimumPerWorker: max(1, 32768 / l.groupSize)) { g in
            let c = l.channel(ofGroup: g)
            let scale = invStd[g] * (gamma?[c] ?? 1)
            let shift = (beta?[c] ?? 0) - mean[g] * scale
            for off in l.planeOffsets(g) {
                let xp = x + off, yp = y + off
                for i in 0..<l.plane { yp[i] = xp[i] * scale + shift }
            }
        }
    }

    /// Backward through normalisation with batch statistics. Writes dx; accumulates nothing:
    /// dγ, dβ (when non-nil) are overwritten with per-channel sums.
    public static func backward(_ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ l: NormLayout,
                                mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
                                gamma: UnsafePointer<Float>?,
                                dx: UnsafeMutablePointer<Float>?,
                                dGamma: UnsafeMutablePointer<Float>?, dBeta: UnsafeMutablePointer<Float>?) {
        let groups = l.groupCount
        let sumDy = UnsafeMutablePointer<Double>.allocate(capacity: groups)
        let sumDyXhat = UnsafeMutablePointer<Double>.allocate(capacity: groups)
        defer { sumDy.deallocate(); sumDyXhat.deallocate() }
        let size = Float(l.groupSize)
        Parallel.forEach(groups, minimumPerWorker: max(1, 16384 / l.groupSize)) { g in
            let m = mean[g]
            var s = 0.0, sx = 0.0
            for off in l.planeOffsets(g) {
                let dyp = dy + off, xp = x + off
                var a = SIMD8<Float>(), b = SIMD8<Float>()
                let mv = SIMD8<Float>(repeating: m)
                var i = 0
                while i + 8 <= l.plane {
                    let d = UnsafeRawPointer(dyp + i).loadUnaligned(as: SIMD8<Float>.self)
                    let xv = UnsafeRawPointer(xp + i).loadUnaligned(as: SIMD8<Float>.self)
                    a += d
                    b += d * (xv - mv)
                    i += 8
                    if i % 4096 == 0 { s += Double(a.sum()); sx += Double(b.sum()); a = .init(); b = .init() }
                }
                s += Double(a.sum()); sx += Double(b.sum())
                while i < l.plane { s += Double(dyp[i]); sx += Double(dyp[i] * (xp[i] - m)); i += 1 }
            }
            sumDy[g] = s
            sumDyXhat[g] = sx * Double(invStd[g])
            guard let dx else { return }
            let c = l.channel(ofGroup: g)
            let k = (gamma?[c] ?? 1) * invStd[g]
            let meanDy = Float(s) / size
            let meanDyXhat = Float(sumDyXhat[g]) / size
            let inv = invStd[g]
            for off in l.planeOffsets(g) {
                let dyp = dy + off, xp = x + off, dxp = dx + off
                for i in 0..<l.plane {
                    let xhat = (xp[i] - m) * inv
                    dxp[i] = k * (dyp[i] - meanDy - xhat * meanDyXhat)
                }
            }
        }
        if dGamma != nil || dBeta != nil {
            for c in 0..<l.channels {
                var gsum = 0.0, bsum = 0.0
                if l.perInstance {
                    for n in 0..<l.batch { gsum += sumDyXhat[n * l.channels + c]; bsum += sumDy[n * l.channels + c] }
                } else { gsum = sumDyXhat[c]; bsum = sumDy[c] }
                dGamma?[c] = Float(gsum)
                dBeta?[c] = Float(bsum)
            }
        }
    }
}
