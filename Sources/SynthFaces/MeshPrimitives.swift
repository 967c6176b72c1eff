import Foundation

/// Small closed shapes used by the face model.
extension FaceModel {
    /// A sphere whose v parameter is the angle from `axis` (the iris is v < 0.5).
    static func sphere(material: Material, centre: Vec3, radius: Float, axis: Vec3, segments: Int) -> Mesh {
        let helper = Swift.abs(axis.y) < 0.9 ? Vec3(0, 1, 0) : Vec3(1, 0, 0)
        let b1 = normalized(cross(axis, helper)), b2 = cross(axis, b1)
        var m = Mesh.grid(material: material, us: Mesh.samples(0...(2 * .pi), segments * 2, open: true),
                          vs: Mesh.samples(0...Float.pi, segments), wrapU: true) { u, v in
            centre + (axis * Foundation.cos(v) + (b1 * Foundation.cos(u) + b2 * Foundation.sin(u)) * Foundation.sin(v)) * radius
        }
        m.normals = m.positions.map { normalized($0 - centre) }
        return m
    }

    /// A thin cylinder between two points, bowed by `bend` upwards in the middle.
    static func tube(from a: Vec3, to b: Vec3, radius: Float, bend: Float) -> Mesh {
        let axis = normalized(b - a)
        let helper = Swift.abs(axis.y) < 0.9 ? Vec3(0, 1, 0) : Vec3(1, 0, 0)
        let n1 = normalized(cross(axis, helper)), n2 = cross(axis, n1)
        return Mesh.grid(material: .glasses, us: Mesh.samples(0...(2 * .pi), 8, open: true), vs: Mesh.samples(0...1, 8),
                         wrapU: true) { u, t in
            mix(a, b, t) + Vec3(0, bend * 4 * t * (1 - t), 0) + (n1 * Foundation.cos(u) + n2 * Foundation.sin(u)) * radius
        }
    }
}
