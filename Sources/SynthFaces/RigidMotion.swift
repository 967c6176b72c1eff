import Foundation

/// A rotation followed by a translation, as a 3×3 matrix (rows) and a vector: poses the head and
/// body without recomputing sines per vertex.
struct RigidMotion {
    var r0: Vec3, r1: Vec3, r2: Vec3
    var t: Vec3

    static let identity = RigidMotion(r0: Vec3(1, 0, 0), r1: Vec3(0, 1, 0), r2: Vec3(0, 0, 1), t: .zero)

    /// Rotation about an axis through the origin by `angle` radians (right-handed; about y,
    /// positive turns +z towards +x).
    static func rotation(x angle: Float) -> RigidMotion {
        let c = Foundation.cos(angle), s = Foundation.sin(angle)
        return RigidMotion(r0: Vec3(1, 0, 0), r1: Vec3(0, c, -s), r2: Vec3(0, s, c), t: .zero)
    }

    static func rotation(y angle: Float) -> RigidMotion {
        let c = Foundation.cos(angle), s = Foundation.sin(angle)
        return RigidMotion(r0: Vec3(c, 0, s), r1: Vec3(0, 1, 0), r2: Vec3(-s, 0, c), t: .zero)
    }

    static func rotation(z angle: Float) -> RigidMotion {
        let c = Foundation.cos(angle), s = Foundation.sin(angle)
        return RigidMotion(r0: Vec3(c, -s, 0), r1: Vec3(s, c, 0), r2: Vec3(0, 0, 1), t: .zero)
    }

    static func translation(_ t: Vec3) -> RigidMotion {
        var m = identity
        m.t = t
        return m
    }

    @inline(__always) func rotate(_ v: Vec3) -> Vec3 { Vec3(dot(r0, v), dot(r1, v), dot(r2, v)) }
    @inline(__always) func apply(_ p: Vec3) -> Vec3 { rotate(p) + t }

    /// `next` after this motion.
    func then(_ next: RigidMotion) -> RigidMotion {
        let c0 = Vec3(r0.x, r1.x, r2.x), c1 = Vec3(r0.y, r1.y, r2.y), c2 = Vec3(r0.z, r1.z, r2.z)
        let n0 = Vec3(dot(next.r0, c0), dot(next.r0, c1), dot(next.r0, c2))
        let n1 = Vec3(dot(next.r1, c0), dot(next.r1, c1), dot(next.r1, c2))
        let n2 = Vec3(dot(next.r2, c0), dot(next.r2, c1), dot(next.r2, c2))
        return RigidMotion(r0: n0, r1: n1, r2: n2, t: next.apply(t))
    }

    var inverse: RigidMotion {
        let transposed = RigidMotion(r0: Vec3(r0.x, r1.x, r2.x), r1: Vec3(r0.y, r1.y, r2.y), r2: Vec3(r0.z, r1.z, r2.z), t: .zero)
        var out = transposed
        out.t = -transposed.rotate(t)
        return out
    }
}
