import Foundation

/// Lambertian (wrapped for skin) plus Blinn–Phong specular under one light set-up, with a
/// sky/ground ambient term; hair uses a Kajiya–Kay strand highlight. Values are linear radiance.
struct Shader {
    let model: FaceModel
    let lights: Illumination.Setup
    let camera: Camera
    /// Shadows of the first (key) light.
    let shadow: ShadowMap?

    func shade(_ buffer: SurfaceBuffer, _ k: Int, pixelX: Float, pixelY: Float) -> Vec3 {
        let material = buffer.material[k]
        if material == .background {
            return model.scene.background.colour(pixelX / Float(camera.width), pixelY / Float(camera.height))
        }
        let p = buffer.position[k]
        var n = normalized(buffer.normal[k])
        let view = normalized(camera.position - p)
        if dot(n, view) < 0 { n = -n }
        let uv = buffer.uv[k]
        var albedo = Vec3(0.5, 0.5, 0.5)
        var specular: Float = 0, shininess: Float = 20, wrap: Float = 0, occlusion: Float = 1
        var strands = false
        switch material {
        case .skin:
            if buffer.frontFacing[k] {
                let s = model.skin.sample(uv.x, uv.y)
                albedo = s.albedo; specular = s.specular; shininess = s.shininess; wrap = 0.25; occlusion = s.occlusion
            } else {
                albedo = model.skin.skin * Vec3(0.3, 0.12, 0.12); occlusion = 0.2
            }
        case .socket:
            albedo = model.skin.skin * 0.3
        case .eyeball:
            (albedo, specular, shininess) = eyeColour(uv)
            // The lids shade the eyeball next to their margins, the upper lid most.
            let lid = buffer.headUV[k]
            let (a, e) = FaceLayout.angles(lid.x, lid.y)
            let inside = model.head.openings.eyeInside(a, e)
            let nearUpper: Float = e > FaceLayout.eyeElevation ? 1 : 0.4
            occlusion = 1 - 0.75 * nearUpper * (1 - smoothstep(0, 0.022, inside))
        case .mouth:
            albedo = Vec3(0.16, 0.03, 0.03); occlusion = 0.35
        case .teeth:
            albedo = Vec3(0.62, 0.58, 0.5) * (0.8 + 0.2 * smoothstep(0.02, 0.0, Swift.abs(Foundation.sin(uv.x * 9))))
            specular = 0.25; shininess = 40; occlusion = 0.75
        case .hair:
            albedo = hairAlbedo(uv); specular = 0.07; shininess = 60; strands = true
        case .neck:
            albedo = model.skin.skin * 0.92
            occlusion = 0.45 + 0.55 * smoothstep(-0.75, -1.35, uv.y)
            wrap = 0.25
        case .clothing:
            let c = model.scene.identity.clothing
            albedo = Vec3(c[0], c[1], c[2]) * (0.9 + 0.1 * Noise.value(uv.x * 60, uv.y * 60, seed: 7))
            specular = 0.02
        case .glasses:
            albedo = model.glassesColour; specular = 0.5; shininess = 80
        case .earring:
            albedo = Vec3(0.3, 0.2, 0.06); specular = 1.2; shininess = 60
        case .background:
            break
        }
        // Ambient: brighter from above, warm bounce from below.
        let sky = Vec3(0.95, 0.97, 1.0), ground = Vec3(0.55, 0.48, 0.42)
        var light = mix(ground, sky, 0.5 + 0.5 * n.y) * (lights.ambient * occlusion)
        var highlight = Vec3.zero
        for (index, l) in lights.lights.enumerated() {
            let nl = dot(n, l.direction)
            var diffuse = wrap > 0 ? Swift.max(0, nl + wrap) / (1 + wrap) : Swift.max(0, nl)
            if index == 0, let shadow, diffuse > 0 {
                let visible = shadow.visibility(p + n * 0.04)
                diffuse *= 0.08 + 0.92 * visible
                if visible == 0 { continue }
            }
            light += l.intensity * (diffuse * occlusion.squareRoot())
            if wrap > 0 {
                // Light scattered under the skin reddens the edge of the shadow.
                let edge = Swift.max(0, nl + 0.35) * Swift.max(0, 0.35 - Swift.abs(nl))
                light += l.intensity * Vec3(0.5, 0.12, 0.06) * edge * occlusion
            }
            guard specular > 0, nl > 0 else { continue }
            let h = normalized(l.direction + view)
            var s: Float
            if strands {
                let t = strandTangent(n)
                let th = dot(t, h)
                s = Foundation.pow(Swift.max(0, 1 - th * th).squareRoot(), shininess) * Foundation.pow(Swift.max(0, dot(n, h)), 8)
            } else {
                s = Foundation.pow(Swift.max(0, dot(n, h)), shininess)
            }
            highlight += l.intensity * (specular * s * occlusion)
        }
        var colour = albedo * light + highlight
        if !model.lenses.isEmpty { colour = throughLens(colour, p) }
        return colour
    }

    private func eyeColour(_ uv: Vec2) -> (Vec3, Float, Float) {
        let angle = uv.y
        let iris: Float = 0.5, pupil: Float = 0.2
        let irisColour = model.scene.identity.eyeColour.linearRGB
        if angle < pupil { return (Vec3(0.01, 0.01, 0.01), 0.9, 200) }
        if angle < iris {
            let t = (angle - pupil) / (iris - pupil)
            let fibres = 0.75 + 0.5 * Noise.value(uv.x * 12, angle * 30, seed: 21)
            let limbus = smoothstep(0.75, 1, t)
            return (mix(irisColour * fibres, irisColour * 0.25, limbus), 0.9, 200)
        }
        let vein = 1 - 0.15 * smoothstep(1.3, 1.8, angle)
        return (Vec3(0.7, 0.62, 0.58) * vein, 0.6, 120)
    }

    private func hairAlbedo(_ uv: Vec2) -> Vec3 {
        let (a, e) = FaceLayout.angles(uv.x, uv.y)
        let seed = model.scene.identity.textureSeed
        let fine = Noise.value(a * 260, e * 6, seed: seed &+ 31)
        // A side parting on the crown: strands meet there and the scalp shows a little.
        let parting = Swift.max(0, 1 - Swift.abs(a - 0.35) / 0.025) * smoothstep(0.75, 1.0, e)
        let coarse = Noise.value(a * 40, e * 2, seed: seed &+ 37)
        var c = model.hairAlbedo * (0.65 + 0.45 * fine) * (0.85 + 0.3 * coarse)
        c = mix(c, model.skin.skin * 0.6, 0.5 * parting)
        if model.scene.attributes.wavyHair {
            // Waves: bands of light and shade across the strands.
            c *= 0.75 + 0.5 * (0.5 + 0.5 * Foundation.sin(e * 45 + 3 * Foundation.sin(a * 6)))
        }
        if !model.scene.attributes.young && model.scene.attributes.hairColour != .gray {
            // Greying: salt-and-pepper strands.
            let grey = smoothstep(0.45, 0.75, Noise.value(a * 120, e * 3, seed: seed &+ 41))
            c = mix(c, Vec3(0.5, 0.5, 0.5) * (0.8 + 0.4 * fine), 0.25 + 0.35 * grey)
        }
        return c
    }

    /// Hair strands run along meridians: the tangent is "down" projected onto the surface.
    private func strandTangent(_ n: Vec3) -> Vec3 {
        let down = Vec3(0, -1, 0)
        let t = down - n * dot(n, down)
        return length(t) > 1e-4 ? normalized(t) : Vec3(1, 0, 0)
    }

    /// Eyeglass lenses: a faint tint and a sky reflection over whatever lies behind them.
    private func throughLens(_ colour: Vec3, _ p: Vec3) -> Vec3 {
        let origin = model.worldToHead.apply(camera.position), target = model.worldToHead.apply(p)
        let direction = target - origin
        for lens in model.lenses {
            guard Swift.abs(direction.z) > 1e-6 else { continue }
            let t = (lens.centre.z - origin.z) / direction.z
            guard t > 0 && t < 1 else { continue }
            let hit = origin + direction * t
            let x = Swift.abs(hit.x - lens.centre.x) / lens.halfWidth, y = Swift.abs(hit.y - lens.centre.y) / lens.halfHeight
            if Foundation.pow(x, 3.3) + Foundation.pow(y, 3.3) < 1 {
                return colour * Vec3(0.88, 0.9, 0.92) + Vec3(0.03, 0.035, 0.04)
            }
        }
        return colour
    }
}
