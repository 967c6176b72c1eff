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
    /// Head space → world (head pose relative to the body, then the camera orbit).
    private(set) var headToWorld: RigidMotion
    private(set) var worldToHead: RigidMotion
    /// Body space → world (the camera orbit only).
    private(set) var bodyToWorld: RigidMotion

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
        let orbit = RigidMotion.rotation(y: sy)
        headToWorld = RigidMotion.translation(-pivot).then(.rotation(z: hr)).then(.rotation(x: hp)).then(.rotation(y: hy))
            .then(.translation(pivot)).then(orbit)
        worldToHead = headToWorld.inverse
        bodyToWorld = orbit
        buildMeshes(detail: detail)
    }

    /// The same model seen from a camera moved by `degrees` more around the subject (the whole
    /// person turns, as between Multi-PIE cameras); geometry is rotated, not rebuilt.
    func orbited(by degrees: Float) -> FaceModel {
        let angle = degrees * .pi / 180
        var out = self
        out.scene.yawDegrees += degrees
        let orbit = RigidMotion.rotation(y: angle)
        out.meshes = meshes.map { $0.placed(orbit) }
        out.eyeCentres = eyeCentres.map(orbit.apply)
        out.headToWorld = headToWorld.then(orbit)
        out.worldToHead = out.headToWorld.inverse
        out.bodyToWorld = bodyToWorld.then(orbit)
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
        meshes.append(headMesh.placed(headToWorld))

        do {
            let hairShape = hair
            let low = FaceLayout.parameters(0, hair.lowestElevation).y
            let hairVs = Mesh.samples(low...1, Swift.max(30, Int(90 * detail)))
            var hairMesh = Mesh.grid(material: .hair, us: Mesh.samples(0...1, columns, open: true), vs: hairVs, wrapU: true) {
                hairShape.point($0, $1)
            }
            hairMesh.doubleSided = true
            hairMesh.coverage = { hairShape.covers($0, $1) }
            meshes.append(hairMesh.placed(headToWorld))
        }
        addEyes(detail: detail)
        addMouth(detail: detail)
        addBody(detail: detail)
        if at.eyeglasses { addGlasses(detail: detail) }
        if at.earrings { addEarrings() }
    }

}
