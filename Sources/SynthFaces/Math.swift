import Foundation

typealias Vec3 = SIMD3<Float>
typealias Vec2 = SIMD2<Float>

@inline(__always) func dot(_ a: Vec3, _ b: Vec3) -> Float { (a * b).sum() }
@inline(__always) func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func length(_ a: Vec3) -> Float { dot(a, a).squareRoot() }
@inline(__always) func normalized(_ a: Vec3) -> Vec3 {
    let l = length(a)
    return l > 0 ? a / l : Vec3(0, 0, 1)
}
@inline(__always) func mix(_ a: Float, _ b: Float, _ t: Float) -> Float { a + (b - a) * t }
@inline(__always) func mix(_ a: Vec3, _ b: Vec3, _ t: Float) -> Vec3 { a + (b - a) * t }
@inline(__always) func clamp01(_ x: Float) -> Float { Swift.min(Swift.max(x, 0), 1) }
@inline(__always) func smoothstep(_ e0: Float, _ e1: Float, _ x: Float) -> Float {
    let t = clamp01((x - e0) / (e1 - e0))
    return t * t * (3 - 2 * t)
}

/// A compactly supported smooth bump: 1 at the centre, 0 beyond the ellipse with half-axes
/// (`ra`, `re`); (1 − r²)³ is much cheaper than a Gaussian and just as smooth to the eye.
@inline(__always) func bump(_ a: Float, _ e: Float, _ ca: Float, _ ce: Float, _ ra: Float, _ re: Float) -> Float {
    let x = (a - ca) / ra, y = (e - ce) / re
    let r2 = x * x + y * y
    if r2 >= 1 { return 0 }
    let t = 1 - r2
    return t * t * t
}

/// Rotation about the vertical axis by `angle` radians (positive turns +z towards +x).
@inline(__always) func rotateY(_ p: Vec3, _ angle: Float) -> Vec3 {
    let c = cos(angle), s = sin(angle)
    return Vec3(c * p.x + s * p.z, p.y, -s * p.x + c * p.z)
}

/// Deterministic hash noise (no state): the same inputs give the same texture on every machine.
enum Noise {
    @inline(__always) static func hash(_ x: Int32, _ y: Int32, _ seed: UInt32) -> Float {
        var h = UInt32(bitPattern: x) &* 0x8DA6_B343 ^ UInt32(bitPattern: y) &* 0xD816_3841 ^ seed &* 0xCB1A_B31F
        h = (h ^ (h >> 13)) &* 0x5BD1_E995
        h ^= h >> 15
        return Float(h & 0xFFFFFF) * (1.0 / 16_777_216.0)
    }

    /// Smooth value noise in [0, 1] with unit cell size.
    @inline(__always) static func value(_ x: Float, _ y: Float, seed: UInt32) -> Float {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int32(fx), iy = Int32(fy)
        var tx = x - fx, ty = y - fy
        tx = tx * tx * (3 - 2 * tx)
        ty = ty * ty * (3 - 2 * ty)
        let a = hash(ix, iy, seed), b = hash(ix + 1, iy, seed)
        let c = hash(ix, iy + 1, seed), d = hash(ix + 1, iy + 1, seed)
        return mix(mix(a, b, tx), mix(c, d, tx), ty)
    }

    /// Two octaves of value noise, in [0, 1].
    @inline(__always) static func fractal(_ x: Float, _ y: Float, seed: UInt32) -> Float {
        (value(x, y, seed: seed) * 2 + value(x * 2.3, y * 2.3, seed: seed &+ 17)) / 3
    }
}
