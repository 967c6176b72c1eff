import Foundation

/// Eyes, mouth interior and body of a `FaceModel`.
extension FaceModel {
    mutating func addEyes(detail: Float) {
        let gazeDirection = rotateY(Vec3(0, 0, 1), scene.gaze.yaw)
        for left in [false, true] {
            let surface = head.eyeSurfacePoint(left: left)
            let centre = surface - Vec3(0, 0, eyeRadius * 0.82)
            var eye = Self.sphere(material: .eyeball, centre: centre, radius: eyeRadius, axis: gazeDirection,
                                  segments: Swift.max(12, Int(24 * detail)))
            eye.doubleSided = true
            let openings = head.openings
            eye.insideHeadOpening = { u, v in
                let (a, e) = FaceLayout.angles(u, v)
                return openings.eyeInside(a, e) > -0.004
            }
            meshes.append(eye.placed(headToWorld))
            eyeCentres.append(headToWorld.apply(centre))
        }
    }

    mutating func addMouth(detail: Float) {
        guard head.openings.mouthOpen > 0.002 else { return }
        let top = FaceLayout.parameters(0, FaceLayout.mouthLine)
        let bottom = FaceLayout.parameters(0, FaceLayout.mouthLine - FaceLayout.mouthGap)
        let upper = head.point(top.x, top.y), lower = head.point(bottom.x, bottom.y)
        let centre = (upper + lower) / 2 - Vec3(0, 0, 0.24)
        var cavity = Self.sphere(material: .mouth, centre: centre, radius: 0.2 + 0.3 * (upper.y - lower.y),
                                 axis: Vec3(0, 0, 1), segments: 16)
        cavity.doubleSided = true
        let openings = head.openings
        let mouthOpening: @Sendable (Float, Float) -> Bool = { u, v in
            let (a, e) = FaceLayout.angles(u, v)
            return openings.mouthInside(a, e)
        }
        cavity.insideHeadOpening = mouthOpening
        meshes.append(cavity.placed(headToWorld))
        let halfWidth = 0.8 * FaceLayout.mouthHalfWidth
        func teeth(top: Float, bottom: Float, front: Vec3) -> Mesh {
            var m = Mesh.grid(material: .teeth, us: Mesh.samples(-1...1, 24), vs: Mesh.samples(0...1, 2)) { s, t in
                let angle = s * 1.15
                return Vec3(front.x + halfWidth * Foundation.sin(angle) / Foundation.sin(1.15),
                            mix(bottom, top, t), front.z - 0.18 * (1 - Foundation.cos(angle)) / (1 - Foundation.cos(1.15)))
            }
            m.doubleSided = true
            m.insideHeadOpening = mouthOpening
            return m
        }
        let upperTeeth = teeth(top: upper.y + 0.03, bottom: upper.y - 0.07, front: upper - Vec3(0, 0, 0.045))
        meshes.append(upperTeeth.placed(headToWorld))
        if scene.actions.jawOpen > 0.25 {
            let lowerTeeth = teeth(top: lower.y + 0.045, bottom: lower.y - 0.04, front: lower - Vec3(0, 0, 0.06))
            meshes.append(lowerTeeth.placed(headToWorld))
        }
    }

    mutating func addBody(detail: Float) {
        let male = scene.attributes.male
        let rx: Float = male ? 0.58 : 0.52, rz: Float = male ? 0.54 : 0.48
        let n = Swift.max(24, Int(48 * detail))
        let neck = Mesh.grid(material: .neck, us: Mesh.samples(0...(2 * .pi), n, open: true), vs: Mesh.samples(-2.0 ... -0.45, 8),
                             wrapU: true) { u, y in
            let taper: Float = 1 + 0.08 * smoothstep(-1.6, -2.2, y)
            return Vec3(rx * taper * Foundation.sin(u), y, -0.15 + rz * taper * Foundation.cos(u))
        }
        meshes.append(neck.placed(bodyToWorld))
        let width: Float = male ? 1.95 : 1.7
        let torso = Mesh.grid(material: .clothing, us: Mesh.samples(0...(2 * .pi), n, open: true), vs: Mesh.samples(-0.3...(Float.pi / 2), 16),
                              wrapU: true) { u, v in
            Vec3(width * Foundation.cos(v) * Foundation.sin(u), -2.0 + 0.55 * Foundation.sin(v), -0.25 + 0.75 * Foundation.cos(v) * Foundation.cos(u))
        }
        meshes.append(torso.placed(bodyToWorld))
    }
}
