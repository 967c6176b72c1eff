import Foundation

/// Surface appearance of the head skin at a canonical (a, e): colour and how glossy it is.
struct SkinSample {
    var albedo: Vec3
    var specular: Float
    var shininess: Float
    /// Ambient occlusion of creases and cavities (1: open skin).
    var occlusion: Float
}

/// Skin colour and everything painted on the skin, in canonical angles so it moves with the
/// geometry: brows, lash line, lips, makeup, facial hair, wrinkles, blush, nostrils.
struct SkinTexture: Sendable {
    let head: HeadShape
    let hair: HairShape
    let attributes: FaceAttributes
    let skin: Vec3
    let lipColour: Vec3
    let lipstick: Vec3?
    let eyeShadow: Vec3?
    let browColour: Vec3
    let beardColour: Vec3
    let seed: UInt32
    let browArch: Float
    let browThickness: Float

    init(head: HeadShape, hair: HairShape, identity id: Identity, attributes at: FaceAttributes, hairAlbedo: Vec3) {
        self.head = head
        self.hair = hair
        attributes = at
        seed = id.textureSeed
        // Skin: geometric interpolation between a light and a dark tone, then hue and pallor.
        let light = Vec3(0.70, 0.48, 0.38), dark = Vec3(0.13, 0.07, 0.042)
        // Perceptually even steps: the geometric mix darkens quickly, so tones are eased in.
        let t = Foundation.pow(id.skinTone, 1.5)
        var s = Vec3(Foundation.pow(light.x, 1 - t) * Foundation.pow(dark.x, t),
                     Foundation.pow(light.y, 1 - t) * Foundation.pow(dark.y, t),
                     Foundation.pow(light.z, 1 - t) * Foundation.pow(dark.z, t))
        s *= Vec3(1 - 0.06 * id.skinHue, 1 + 0.02 * id.skinHue, 1 - 0.08 * id.skinHue)
        if at.paleSkin { s = mix(s, Vec3(0.80, 0.68, 0.62), 0.6) }
        if !at.young { s = mix(s, Vec3(s.x * 0.95, s.y * 0.93, s.z * 0.9), 0.5) }
        skin = s
        lipColour = s * Vec3(0.95, 0.52, 0.52)
        let palette: [Vec3] = [Vec3(0.45, 0.02, 0.04), Vec3(0.62, 0.14, 0.24), Vec3(0.28, 0.015, 0.07), Vec3(0.68, 0.16, 0.1)]
        let pick = Int(id.textureSeed % 4)
        lipstick = (at.lipstick || at.heavyMakeup) ? palette[pick] : nil
        let shadows: [Vec3] = [Vec3(0.16, 0.08, 0.05), Vec3(0.2, 0.08, 0.22), Vec3(0.08, 0.1, 0.22), Vec3(0.05, 0.04, 0.04)]
        eyeShadow = at.heavyMakeup ? shadows[Int((id.textureSeed >> 4) % 4)] : nil
        let blondBrow = at.hairColour == .blond && !at.bald
        browColour = blondBrow ? Vec3(0.25, 0.15, 0.07) : hairAlbedo * 0.7
        beardColour = at.hairColour == .blond ? Vec3(0.3, 0.18, 0.08) : hairAlbedo
        browArch = 0.035 + 0.01 * id.browArch + (at.archedEyebrows ? 0.045 : 0)
        browThickness = (0.036 + 0.005 * id.browThickness) * (at.bushyEyebrows ? 1.6 : 1) * (at.male ? 1.15 : 0.85)
            * (at.archedEyebrows ? 0.85 : 1)
    }

    func sample(_ u: Float, _ v: Float) -> SkinSample {
        let (a, e) = FaceLayout.angles(u, v)
        let A = Swift.abs(a)
        let at = attributes
        var c = skin
        var specular: Float = 0.05, shininess: Float = 20
        // Large-scale blotches and redness where skin is thin.
        let blotch = Noise.fractal(a * 5, e * 5, seed: seed)
        c *= 0.96 + 0.07 * blotch
        let redness = 0.5 * bump(A, e, 0.55, -0.3, 0.3, 0.22) + 0.4 * bump(A, e, 0, -0.25, 0.14, 0.12)
            + 0.5 * bump(A, e, FaceLayout.earAzimuth, FaceLayout.earElevation, 0.15, 0.2)
        c = mix(c, c * Vec3(1.1, 0.82, 0.82), redness * 0.5)
        if A < 1.3 {
            // Oily T-zone.
            specular += 0.05 * (bump(A, e, 0, 0.35, 0.25, 0.25) + bump(A, e, 0, -0.22, 0.1, 0.15))
            if at.rosyCheeks { c = mix(c, Vec3(0.75, 0.22, 0.22) * (c.x + 0.2), 0.45 * bump(A, e, 0.55, -0.3, 0.24, 0.18)) }
            if at.heavyMakeup { c = mix(c, Vec3(0.7, 0.25, 0.25) * (c.x + 0.2), 0.3 * bump(A, e, 0.58, -0.26, 0.22, 0.16)) }
            paintEyes(&c, a, A, e)
            paintBrows(&c, a, A, e)
            paintExpressionLines(&c, a, A, e)
            paintNose(&c, A, e)
            if !at.young { paintWrinkles(&c, a, A, e) }
            paintFacialHair(&c, a, A, e)
            paintLips(&c, &specular, &shininess, a, A, e)
            if at.doubleChin { c *= 1 - 0.35 * bump(A, e, 0, -1.13, 0.35, 0.03) }
        } else {
            // Ear: a darker concha.
            c *= 1 - 0.35 * bump(A, e, FaceLayout.earAzimuth + 0.02, FaceLayout.earElevation + 0.02, 0.06, 0.1)
        }
        if !hair.bald && A < 1.9 {
            // Hair roots darken the skin just below the hairline.
            let below = hair.frontHairline(A) - e
            if below > -0.02 && below < 0.05 { c = mix(c, c * 0.7, (1 - below / 0.05) * 0.5) }
        }
        return SkinSample(albedo: c, specular: specular, shininess: shininess, occlusion: cavity(A, e))
    }

    /// Where skin is hidden from the sky: inner eye corners, lid creases, under the nose, the
    /// mouth corners, under the lower lip and chin, the ear's concha.
    private func cavity(_ A: Float, _ e: Float) -> Float {
        let o = head.openings, bottom = FaceLayout.mouthLine - FaceLayout.mouthGap
        var shade: Float = 0
        shade += 0.45 * bump(A, e, FaceLayout.eyeAzimuth - o.eyeHalfWidth - 0.02, 0.01, 0.09, 0.08)
        shade += 0.3 * bump(A, e, FaceLayout.eyeAzimuth, FaceLayout.eyeElevation + o.upperLid + 0.035, 0.18, 0.035)
        shade += 0.2 * bump(A, e, 0.05, head.noseTip - 0.07, 0.09, 0.03)
        shade += 0.35 * bump(A, e, o.mouthHalfWidth, FaceLayout.mouthLine - FaceLayout.mouthGap / 2, 0.05, 0.05)
        shade += 0.3 * bump(A, e, 0, bottom - 0.1, 0.2, 0.045)
        shade += 0.45 * smoothstep(-1.12, -1.4, e) * smoothstep(1.3, 0.9, A)
        shade += 0.35 * bump(A, e, FaceLayout.earAzimuth, FaceLayout.earElevation, 0.07, 0.14)
        return 1 - Swift.min(shade, 0.7)
    }

    private func paintEyes(_ c: inout Vec3, _ a: Float, _ A: Float, _ e: Float) {
        let o = head.openings
        guard let (x, y) = o.eyeLocal(a, e), A < 0.75 else { return }
        let upper = o.upperLidCurve(Swift.min(Swift.max(x, -1), 1))
        let inside = o.eyeInside(a, e)
        // Upper lash line and lid crease; lower lash line fainter.
        if Swift.abs(x) < 1.15 {
            let above = y - upper
            if above > -0.004 && y > 0 {
                let lash = Swift.max(0, 1 - above / (attributes.heavyMakeup ? 0.018 : 0.011)) * (1 - 0.5 * smoothstep(0.7, 1.15, Swift.abs(x)))
                c = mix(c, Vec3(0.02, 0.015, 0.012), lash * 0.85)
                let crease = bump(above, 0, 0.032, 0, 0.01, 1)
                c *= 1 - 0.2 * crease
            } else if inside < 0.004 && y < 0 {
                let lower = Swift.max(0, 1 - (-inside) / 0.006)
                c = mix(c, c * 0.5, lower * 0.6)
            }
        }
        if let shadow = eyeShadow, y > upper, y < upper + 0.09 {
            let w = (1 - (y - upper) / 0.09) * smoothstep(1.25, 0.6, Swift.abs(x))
            c = mix(c, shadow, 0.75 * w)
        }
        if attributes.bagsUnderEyes {
            let lower = o.lowerLidCurve(Swift.min(Swift.max(x, -1), 1))
            let w = bump(y, 0, lower - 0.035, 0, 0.03, 1) * smoothstep(1.2, 0.3, Swift.abs(x))
            c = mix(c, c * Vec3(0.72, 0.62, 0.7), w)
        }
    }

    private func paintBrows(_ c: inout Vec3, _ a: Float, _ A: Float, _ e: Float) {
        let x = (A - 0.1) / 0.52
        guard x > -0.05 && x < 1.05 && e > 0.05 && e < 0.4 else { return }
        let xc = Swift.min(Swift.max(x, 0), 1)
        let centre = FaceLayout.browElevation + browArch * Foundation.sin(Float.pi * Foundation.pow(xc, 0.8)) - 0.02 * xc
        let half = browThickness * (1 - 0.55 * xc) + 0.006
        let d = Swift.abs(e - centre)
        guard d < half * 1.3 else { return }
        let edge = smoothstep(half * 1.3, half * 0.6, d) * smoothstep(-0.05, 0.06, x) * smoothstep(1.05, 0.9, x)
        let strands = 0.55 + 0.45 * Noise.value(a * 160, e * 40, seed: seed &+ 5)
        c = mix(c, browColour, edge * strands * 0.92)
    }

    /// Frown lines between the brows (lowered brows) and across the nose (wrinkled nose).
    private func paintExpressionLines(_ c: inout Vec3, _ a: Float, _ A: Float, _ e: Float) {
        let act = head.actions
        if act.browLower > 0, A < 0.12, e > 0.06, e < 0.24 {
            let lines = Foundation.pow(0.5 + 0.5 * Foundation.cos(A * 110), 6) * (1 - A / 0.12)
            c *= 1 - 0.45 * act.browLower * lines
        }
        if act.noseWrinkle > 0, A < 0.16, e > -0.05, e < 0.08 {
            let lines = Foundation.pow(0.5 + 0.5 * Foundation.sin(e * 160), 6) * (1 - A / 0.16)
            c *= 1 - 0.4 * act.noseWrinkle * lines
        }
    }

    private func paintNose(_ c: inout Vec3, _ A: Float, _ e: Float) {
        let nostril = bump(A, e, 0.045, head.noseTip - 0.06, 0.032, 0.022)
        c = mix(c, Vec3(0.05, 0.02, 0.02), nostril * 0.85)
    }

    private func paintWrinkles(_ c: inout Vec3, _ a: Float, _ A: Float, _ e: Float) {
        var w: Float = 0
        if e > 0.3 && e < 0.58 && A < 0.7 {
            let line = Foundation.pow(0.5 + 0.5 * Foundation.sin(e * 110 + 3 * Foundation.sin(a * 4)), 10)
            w += line * smoothstep(0.7, 0.3, A) * 0.8
        }
        let dx = A - 0.52, dy = e - 0.0
        let r = (dx * dx + dy * dy).squareRoot()
        if dx > 0 && r < 0.12 {
            let theta = Foundation.atan2(dy, dx)
            w += Foundation.pow(0.5 + 0.5 * Foundation.sin(theta * 16), 8) * (1 - r / 0.12) * 0.9
        }
        w += 0.6 * head.nasolabial(A, e)
        // Marionette lines from the mouth corners down.
        let mx = A - (head.openings.mouthHalfWidth + 0.02), my = e - (FaceLayout.mouthLine - 0.12)
        w += 0.5 * Swift.max(0, 1 - Swift.abs(mx + 0.1 * my) / 0.015) * Swift.max(0, 1 - Swift.abs(my) / 0.1)
        w += 0.3 * Foundation.pow(Noise.value(a * 60, e * 60, seed: seed &+ 9), 6)
        c = mix(c, c * 0.62, Swift.min(w, 1) * 0.6)
        // Age spots.
        let spots = smoothstep(0.82, 0.9, Noise.value(a * 25, e * 25, seed: seed &+ 11))
        c = mix(c, c * Vec3(0.75, 0.62, 0.5), spots * 0.5)
    }

    private func paintFacialHair(_ c: inout Vec3, _ a: Float, _ A: Float, _ e: Float) {
        let at = attributes
        guard at.fullBeard || at.goatee || at.mustache || at.fiveOClockShadow || at.sideburns else { return }
        let o = head.openings
        let top = FaceLayout.mouthLine, bottom = top - FaceLayout.mouthGap
        let lens = Swift.max(0, 1 - (A / o.mouthHalfWidth) * (A / o.mouthHalfWidth)).squareRoot()
        let onUpperLip = e > top && e < top + 0.055 * lens + 0.004
        let onLowerLip = e < bottom && e > bottom - 0.07 * lens - 0.004
        if onUpperLip || onLowerLip || (e <= top && e >= bottom && A < o.mouthHalfWidth) { return }
        // Beard region: below a line from the sideburn down across the cheek to the mouth corner.
        let cheekLine = mix(-0.12, -0.5, smoothstep(1.3, 0.55, A))
        let beardZone = e < cheekLine && e > -1.45 && A < 1.35
        let mustacheZone = e > top && e < top + 0.13 && A < o.mouthHalfWidth + 0.06 && e < head.noseTip - 0.07
        let goateeZone = A < 0.24 && e < bottom && e > -1.15
        let sideburnZone = A > 1.12 && A < 1.34 && e > -0.25 && e < 0.2
        var cover: Float = 0
        if at.fullBeard && (beardZone || mustacheZone) { cover = 0.95 }
        if at.goatee && (goateeZone || mustacheZone) { cover = Swift.max(cover, 0.95) }
        if at.mustache && mustacheZone { cover = Swift.max(cover, 0.95) }
        if at.sideburns && sideburnZone { cover = Swift.max(cover, 0.9) }
        if at.fiveOClockShadow && (beardZone || mustacheZone) { cover = Swift.max(cover, 0.4) }
        guard cover > 0 else { return }
        let density = Noise.value(a * 140, e * 140, seed: seed &+ 13)
        let amount = cover >= 0.9 ? cover * (0.6 + 0.4 * density) : cover * smoothstep(0.35, 0.65, density)
        c = mix(c, beardColour, amount)
    }

    private func paintLips(_ c: inout Vec3, _ specular: inout Float, _ shininess: inout Float, _ a: Float, _ A: Float, _ e: Float) {
        let o = head.openings
        let top = FaceLayout.mouthLine, bottom = top - FaceLayout.mouthGap
        guard e > bottom - 0.12 && e < top + 0.1 && A < o.mouthHalfWidth * 1.1 else { return }
        let lens = Swift.max(0, 1 - (A / o.mouthHalfWidth) * (A / o.mouthHalfWidth)).squareRoot()
        let big: Float = attributes.bigLips ? 1.5 : 1
        let bow = 0.008 * bump(A, 0, 0.055, 0, 0.05, 1)
        let upperTop = top + (0.05 * big * Foundation.pow(lens, 0.6) + bow)
        let lowerBottom = bottom - 0.065 * big * Foundation.pow(lens, 0.7)
        var w: Float = 0
        if e >= top { w = smoothstep(upperTop + 0.006, upperTop - 0.004, e) }
        else if e <= bottom { w = smoothstep(lowerBottom - 0.006, lowerBottom + 0.004, e) }
        else { w = 1 }
        guard w > 0 else { return }
        var lip = lipColour * (0.9 + 0.2 * Noise.value(a * 80, e * 20, seed: seed &+ 3))
        var lipSpecular: Float = 0.1, lipShine: Float = 30
        if let stick = lipstick { lip = stick; lipSpecular = 0.35; lipShine = 60 }
        if e < top && e > bottom { lip *= 0.45 }      // inner lip, seen when parted
        c = mix(c, lip, w)
        specular = mix(specular, lipSpecular, w)
        shininess = mix(shininess, lipShine, w)
        // Dark contact line and corners.
        let corner = bump(A, e, o.mouthHalfWidth, top - FaceLayout.mouthGap / 2, 0.035, 0.03)
        c *= 1 - 0.5 * corner
    }
}
