import Foundation

/// The 3D scene of one face, in world space: meshes for head, hair, eyes, mouth, neck, shoulders
/// and accessories, plus what shading needs to know about them. Built once per (identity,
/// attributes, expression, pose) and drawable from any camera.
struct FaceModel {
    private(set) var scene: FaceScene
    let head: HeadShape
    let hair: HairShape
    let skin: SkinTexture
    let hairAlbedo: Vec3
    var meshes: [Mesh] = []
    /// Eyeballs in world space (centre) and their radius.
    var eyeCentres: [Vec3] = []
    let eyeRadius: Float
    /// Glasses lenses in head space (centre, half width, half height) and the head transform.
    var lenses: [(centre: Vec3, halfWidth: Float, halfHeight: Float)] = []
    let glassesColour: Vec3
    private(set) var toWorld: (Vec3) -> Vec3
    private(set) var toHead: (Vec3) -> Vec3
    private(set) var rotateToWorld: (Vec3) -> Vec3

    /// `detail` scales mesh resolution (1 = enough for 256² pixels).
    init(scene: FaceScene, detail: Float) {
        self.scene = scene
        let at = scene.attributes, id = scene.identity
        head = HeadShape(identity: id, attributes: at, actions: scene.actions)
        hair = HairShape(head: head, identity: id, attributes: at)
        hairAlbedo = Self.hairColour(at.hairColour, shade: id.hairShade)
        skin = SkinTexture(head: head, hair: hair, identity: id, attributes: at, hairAlbedo: hairAlbedo)
        eyeRadius = 0.16 * (1 + 0.04 * id.eyeSize)
        let glassesPalette = [Vec3(0.015, 0.015, 0.015), Vec3(0.12, 0.05, 0.02), Vec3(0.45, 0.42, 0.38)]
        glassesColour = glassesPalette[Int((id.textureSeed >> 8) % 3)]
        // Pose: head turned about the top of the neck, then the whole person about the vertical axis.
        let d2r = Float.pi / 180
        let pivot = Vec3(0, -0.75, -0.15)
        let (hy, hp, hr) = (scene.headYawDegrees * d2r, scene.headPitchDegrees * d2r, scene.headRollDegrees * d2r)
        let sy = scene.yawDegrees * d2r
        let rotate: (Vec3) -> Vec3 = { rotateY(rotateY(rotateX(rotateZ($0, hr), hp), hy), sy) }
        rotateToWorld = rotate
        toWorld = { rotate($0 - pivot) + rotateY(pivot, sy) }
        toHead = { p in
            let q = rotateY(p - rotateY(pivot, sy), -sy)
            return rotateZ(rotateX(rotateY(q, -hy), -hp), -hr) + pivot
        }
        buildMeshes(detail: detail)
    }

    /// The same model seen from a camera moved by `degrees` more around the subject (the whole
    /// person turns, as between Multi-PIE cameras); geometry is rotated, not rebuilt.
    func orbited(by degrees: Float) -> FaceModel {
        let angle = degrees * .pi / 180
        var out = self
        out.scene.yawDegrees += degrees
        out.meshes = meshes.map { $0.placed({ rotateY($0, angle) }, { rotateY($0, angle) }) }
        out.eyeCentres = eyeCentres.map { rotateY($0, angle) }
        let (world, head, rotate) = (toWorld, toHead, rotateToWorld)
        out.toWorld = { rotateY(world($0), angle) }
        out.toHead = { head(rotateY($0, -angle)) }
        out.rotateToWorld = { rotateY(rotate($0), angle) }
        return out
    }

    mutating func setIllumination(_ index: Int) { scene.illumination = index }

    static func hairColour(_ colour: HairColour, shade: Float) -> Vec3 {
        switch colour {
        case .black: return mix(Vec3(0.03, 0.024, 0.02), Vec3(0.012, 0.01, 0.009), shade)
        case .brown: return mix(Vec3(0.2, 0.1, 0.045), Vec3(0.075, 0.036, 0.016), shade)
        case .blond: return mix(Vec3(0.75, 0.58, 0.33), Vec3(0.45, 0.31, 0.14), shade)
        case .gray: return mix(Vec3(0.7, 0.7, 0.7), Vec3(0.34, 0.33, 0.32), shade)
        }
    }

    private mutating func buildMeshes(detail: Float) {
        let at = scene.attributes
        let columns = Swift.max(48, Int(150 * detail)), rows = Swift.max(40, Int(120 * detail))
        // Head: denser over the face (|a| < 1.6, e between chin and forehead).
        let us = Mesh.samples(0...1, columns, focus: 0.24...0.76, factor: 3, open: true)
        let vs = Mesh.samples(0...1, rows, focus: 0.12...0.72, factor: 3)
        let shape = head
        var headMesh = Mesh.grid(material: .skin, us: us, vs: vs, wrapU: true) { shape.point($0, $1) }
        headMesh.doubleSided = true
        let openings = head.openings
        headMesh.coverage = { u, v in
            let (a, e) = FaceLayout.angles(u, v)
            return openings.eyeInside(a, e) <= 0 && !openings.mouthInside(a, e)
        }
        meshes.append(headMesh.placed(toWorld, rotateToWorld))

        do {
            let hairShape = hair
            let low = FaceLayout.parameters(0, hair.lowestElevation).y
            let hairVs = Mesh.samples(low...1, Swift.max(30, Int(90 * detail)))
            var hairMesh = Mesh.grid(material: .hair, us: Mesh.samples(0...1, columns, open: true), vs: hairVs, wrapU: true) {
                hairShape.point($0, $1)
            }
            hairMesh.doubleSided = true
            hairMesh.coverage = { hairShape.covers($0, $1) }
            meshes.append(hairMesh.placed(toWorld, rotateToWorld))
        }
        addEyes(detail: detail)
        addMouth(detail: detail)
        addBody(detail: detail)
        if at.eyeglasses { addGlasses(detail: detail) }
        if at.earrings { addEarrings() }
    }

    private mutating func addEyes(detail: Float) {
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
            meshes.append(eye.placed(toWorld, rotateToWorld))
            eyeCentres.append(toWorld(centre))
        }
    }

    private mutating func addMouth(detail: Float) {
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
        meshes.append(cavity.placed(toWorld, rotateToWorld))
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
        meshes.append(upperTeeth.placed(toWorld, rotateToWorld))
        if scene.actions.jawOpen > 0.25 {
            let lowerTeeth = teeth(top: lower.y + 0.045, bottom: lower.y - 0.04, front: lower - Vec3(0, 0, 0.06))
            meshes.append(lowerTeeth.placed(toWorld, rotateToWorld))
        }
    }

    private mutating func addBody(detail: Float) {
        let male = scene.attributes.male
        let rx: Float = male ? 0.58 : 0.52, rz: Float = male ? 0.54 : 0.48
        let bodyRotation: (Vec3) -> Vec3 = { [sy = scene.yawDegrees * Float.pi / 180] in rotateY($0, sy) }
        let n = Swift.max(24, Int(48 * detail))
        let neck = Mesh.grid(material: .neck, us: Mesh.samples(0...(2 * .pi), n, open: true), vs: Mesh.samples(-2.0 ... -0.45, 8),
                             wrapU: true) { u, y in
            let taper: Float = 1 + 0.08 * smoothstep(-1.6, -2.2, y)
            return Vec3(rx * taper * Foundation.sin(u), y, -0.15 + rz * taper * Foundation.cos(u))
        }
        meshes.append(neck.placed(bodyRotation, bodyRotation))
        let width: Float = male ? 1.95 : 1.7
        let torso = Mesh.grid(material: .clothing, us: Mesh.samples(0...(2 * .pi), n, open: true), vs: Mesh.samples(-0.3...(Float.pi / 2), 16),
                              wrapU: true) { u, v in
            Vec3(width * Foundation.cos(v) * Foundation.sin(u), -2.0 + 0.55 * Foundation.sin(v), -0.25 + 0.75 * Foundation.cos(v) * Foundation.cos(u))
        }
        meshes.append(torso.placed(bodyRotation, bodyRotation))
    }

    private mutating func addGlasses(detail: Float) {
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
            meshes.append(part.placed(toWorld, rotateToWorld))
        }
    }

    private mutating func addEarrings() {
        for side: Float in [-1, 1] {
            let p = FaceLayout.parameters(side * (FaceLayout.earAzimuth - 0.02), FaceLayout.earElevation - 0.26)
            let lobe = head.point(p.x, p.y)
            let centre = lobe + Vec3(side * 0.02, -0.06, 0)
            var bead = Self.sphere(material: .earring, centre: centre, radius: 0.04, axis: Vec3(0, 0, 1), segments: 10)
            bead.doubleSided = true
            meshes.append(bead.placed(toWorld, rotateToWorld))
        }
    }

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

