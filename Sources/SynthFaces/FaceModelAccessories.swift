import Foundation

/// Eyeglasses and earrings of a `FaceModel`.
extension FaceModel {
    mutating func addGlasses(detail: Float) {
        let tube: Float = 0.016
        var parts: [Mesh] = []
        var rims: [(inner: Vec3, outer: Vec3)] = []
        for left in [false, true] {
            let eye = head.eyeSurfacePoint(left: left)
            let centre = Vec3(eye.x * 1.05, eye.y + 0.01, eye.z + 0.14)
            let hw: Float = 0.2, hh: Float = 0.14
            lenses.append((centre, hw, hh))
            var rim = Mesh.grid(material: .glasses, us: Mesh.samples(0...(2 * .pi), 48, open: true),
                                vs: Mesh.samples(0...(2 * .pi), 6), wrapU: true) { phi, psi in
                let c = Foundation.cos(phi), s = Foundation.sin(phi)
                let x = hw * (c < 0 ? -1 : 1) * Foundation.pow(Swift.abs(c), 0.6)
                let y = hh * (s < 0 ? -1 : 1) * Foundation.pow(Swift.abs(s), 0.6)
                let outward = normalized(Vec3(x / hw, y / hh, 0))
                return centre + Vec3(x, y, 0) + outward * (tube * Foundation.cos(psi)) + Vec3(0, 0, tube * Foundation.sin(psi))
            }
            rim.doubleSided = true
            parts.append(rim)
            let side: Float = left ? 1 : -1
            rims.append((centre + Vec3(-side * hw, 0.02, 0), centre + Vec3(side * hw, 0.04, 0)))
        }
        parts.append(Self.tube(from: rims[0].inner, to: rims[1].inner, radius: tube * 0.9, bend: 0.03))
        for (k, rim) in rims.enumerated() {
            let side: Float = k == 1 ? 1 : -1
            let ear = Vec3(side * head.halfWidth * 1.02, rim.outer.y, -0.25)
            parts.append(Self.tube(from: rim.outer, to: ear, radius: tube * 0.8, bend: 0))
        }
        for var part in parts {
            part.material = .glasses
            part.doubleSided = true
            meshes.append(part.placed(headToWorld))
        }
    }

    mutating func addEarrings() {
        for side: Float in [-1, 1] {
            let p = FaceLayout.parameters(side * (FaceLayout.earAzimuth - 0.02), FaceLayout.earElevation - 0.26)
            let lobe = head.point(p.x, p.y)
            let centre = lobe + Vec3(side * 0.02, -0.06, 0)
            var bead = Self.sphere(material: .earring, centre: centre, radius: 0.04, axis: Vec3(0, 0, 1), segments: 10)
            bead.doubleSided = true
            meshes.append(bead.placed(headToWorld))
        }
    }
}
