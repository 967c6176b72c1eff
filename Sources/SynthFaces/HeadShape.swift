import Foundation

@inline(__always) func bump1(_ x: Float, _ c: Float, _ r: Float) -> Float {
    let t = (x - c) / r
    let s = 1 - t * t
    return s > 0 ? s * s * s : 0
}

/// The head surface of one face: canonical (u, v) → a point in head space (x towards the viewer's
/// right, y up, z towards the camera; about 1 unit = 10 cm).
///
/// Construction: (u, v) give canonical angles (a, e) (`FaceLayout`); identity and expression warp
/// them to spatial angles (moving skin along the surface, so features shift in space but not in
/// UV); a superellipsoid-like radial function of the spatial direction gives the skull and jaw;
/// displacement bumps in canonical angles add brow ridge, eye sockets, nose, cheeks, lips, chin
/// and ears.
struct HeadShape: Sendable {
    let openings: Openings
    let actions: FaceActions
    // Skull and jaw.
    let halfWidth, upperHeight, frontDepth, backDepth, jawTaper, chinDrop: Float
    // Identity warps.
    let eyeSpacingWarp, eyeHeightWarp, mouthHeightWarp, browHeightWarp: Float
    // Feature sizes.
    let noseProjection, noseWidth, noseTip, noseTipBall, noseBridge: Float
    let upperLip, lowerLip, browRidge, cheekbone, cheekboneElevation, cheekFullness, chin, jowl, doubleChin, ear: Float
    let creaseDepth: Float
    let old: Bool

    init(identity id: Identity, attributes at: FaceAttributes, actions: FaceActions) {
        self.actions = actions
        let male: Float = at.male ? 1 : 0
        old = !at.young
        let oldness: Float = old ? 1 : 0
        let chubby: Float = at.chubby ? 1 : 0, oval: Float = at.ovalFace ? 1 : 0
        halfWidth = 0.78 * (1 + 0.035 * id.headWidth + 0.09 * chubby + 0.02 * male - 0.04 * oval)
        upperHeight = 1.08 * (1 + 0.03 * id.headHeight + 0.02 * id.foreheadHeight)
        frontDepth = 0.98 * (1 + 0.025 * id.headDepth)
        backDepth = 1.1 * (1 + 0.025 * id.headDepth)
        jawTaper = Swift.min(Swift.max(0.22 - 0.05 * id.jawWidth - 0.07 * male + 0.18 * oval - 0.1 * chubby, 0.08), 0.55)
        chinDrop = 1.2 * (1 + 0.035 * id.chinLength + 0.02 * male + 0.08 * oval)
        eyeSpacingWarp = 0.03 * id.eyeSpacing
        eyeHeightWarp = 0.03 * id.eyeHeight
        mouthHeightWarp = 0.025 * id.mouthHeight
        browHeightWarp = 0.02 * id.browHeight
        let bigNose: Float = at.bigNose ? 1 : 0, pointy: Float = at.pointyNose ? 1 : 0
        noseProjection = 0.24 * (1 + 0.08 * id.noseProjection + 0.45 * bigNose + 0.08 * male + 0.12 * pointy)
        noseWidth = 0.1 * (1 + 0.08 * id.noseWidth + 0.45 * bigNose - 0.28 * pointy + 0.08 * male)
        noseTip = FaceLayout.noseTip - 0.025 * id.noseLength - 0.03 * bigNose - 0.02 * pointy
        noseTipBall = 0.035 * (1 - 0.7 * pointy + 0.5 * bigNose)
        noseBridge = 0.03 * (1 + 0.3 * id.noseBridge + 0.4 * male)
        let bigLips: Float = at.bigLips ? 1 : 0
        upperLip = 0.035 * (1 + 0.15 * id.upperLip + 1.0 * bigLips - 0.25 * oldness - 0.15 * male)
        lowerLip = 0.045 * (1 + 0.15 * id.lowerLip + 0.9 * bigLips - 0.2 * oldness - 0.1 * male)
        browRidge = 0.035 * (1 + 0.2 * id.browRidge + 0.7 * male)
        let high: Float = at.highCheekbones ? 1 : 0
        cheekbone = 0.03 * (1 + 0.2 * id.cheekbones + 1.3 * high)
        cheekboneElevation = -0.2 + 0.06 * high
        cheekFullness = 0.012 * id.cheekFullness + 0.09 * chubby
        chin = 0.05 * (1 + 0.2 * id.chinProtrusion + 0.3 * male)
        jowl = 0.045 * oldness
        doubleChin = at.doubleChin ? 0.16 : 0
        ear = 0.09 * (1 + 0.08 * id.earSize)
        creaseDepth = 0.006 + 0.012 * oldness + 0.01 * Swift.max(actions.smileLeft, actions.smileRight)
        let narrow: Float = at.narrowEyes ? 1 : 0
        let eyeSize = 1 + 0.05 * id.eyeSize
        openings = Openings(
            eyeHalfWidth: FaceLayout.eyeHalfWidth * eyeSize * (1 - 0.08 * narrow),
            eyeTilt: 0.015 * id.eyeTilt,
            upperLid: FaceLayout.upperLidHeight * eyeSize * (1 + 0.5 * actions.upperLidRaise - 0.55 * actions.lidTighten)
                * (1 - 0.6 * narrow) * (1 - 0.15 * oldness),
            lowerLid: FaceLayout.lowerLidHeight * (1 - 0.5 * actions.lidTighten - 0.35 * actions.cheekRaise) * (1 - 0.4 * narrow)
                * (1 + 0.2 * Swift.max(actions.upperLidRaise, 0)),
            mouthHalfWidth: FaceLayout.mouthHalfWidth * (1 + 0.06 * id.mouthWidth),
            mouthOpen: 0.26 * actions.jawOpen)
    }

    @inline(__always) func point(_ u: Float, _ v: Float) -> Vec3 {
        let (a, e) = FaceLayout.angles(u, v)
        let (ga, ge) = spatialAngles(a, e)
        let ce = Foundation.cos(ge)
        let d = Vec3(ce * Foundation.sin(ga), Foundation.sin(ge), ce * Foundation.cos(ga))
        return d * (baseRadius(d) + displacement(a, e))
    }

    /// The skull and jaw: an ellipsoid whose half-axes depend on the direction's octant, narrowing
    /// towards the jaw and reaching further down at the chin than at the nape.
    @inline(__always) func baseRadius(_ d: Vec3) -> Float {
        let widthFactor = d.y < 0 ? 1 - jawTaper * Foundation.pow(-d.y, 2.2) : 1 - 0.05 * d.y * d.y
        let a = halfWidth * widthFactor
        let b = d.y >= 0 ? upperHeight : mix(0.75, chinDrop, smoothstep(-0.2, 0.75, d.z))
        let c = d.z >= 0 ? frontDepth : backDepth
        let x = d.x / a, y = d.y / b, z = d.z / c
        return 1 / (x * x + y * y + z * z).squareRoot()
    }

    /// Canonical → spatial angles: identity proportions, expression, and the mouth gap band
    /// (zero height while the lips touch, open by the jaw drop in the middle of the mouth).
    @inline(__always) func spatialAngles(_ a: Float, _ e: Float) -> (Float, Float) {
        let A = Swift.abs(a), side: Float = a >= 0 ? 1 : -1
        let top = FaceLayout.mouthLine, gap = FaceLayout.mouthGap, bottom = top - gap
        let halfPi = Float.pi / 2
        let drop = openings.mouthOpen
        let lens = drop > 0 ? (Swift.max(0, 1 - (a / openings.mouthHalfWidth) * (a / openings.mouthHalfWidth))).squareRoot() : 0
        var ge: Float
        if e >= top {
            ge = e
        } else if e > bottom {
            ge = top - (top - e) / gap * drop * lens
        } else {
            let stretched = -halfPi + (e + halfPi) * (top + halfPi) / (bottom + halfPi)
            let nearGap = smoothstep(bottom - 0.15, bottom, e)
            let jaw = smoothstep(1.4, 0.5, A) * smoothstep(-halfPi, -1.25, e)
            ge = stretched - drop * (lens * nearGap + jaw * (1 - nearGap))
        }
        var ga = a + eyeSpacingWarp * Foundation.sin(2 * a) * bump1(e, -0.1, 0.9)
        ge += eyeHeightWarp * bump1(e, 0, 0.6) * bump1(a, 0, 1.4)
        ge += mouthHeightWarp * bump1(e, -0.65, 0.35) * bump1(a, 0, 1.2)
        let act = actions
        // Brows.
        if e > -0.05 && e < 0.45 && A < 0.9 {
            let band = bump(A, e, 0.38, 0.2, 0.4, 0.2)
            let inner = bump(A, e, 0.15, 0.2, 0.24, 0.2), outer = bump(A, e, 0.58, 0.18, 0.26, 0.2)
            ge += 0.08 * act.innerBrowRaise * inner + 0.07 * act.outerBrowRaise * outer - 0.075 * act.browLower * band
                + browHeightWarp * band
            ga -= side * 0.05 * act.browLower * inner
        }
        // Mouth corners, lips and cheeks.
        if e < -0.1 && e > -1.0 && A < 1.1 {
            let smile = a >= 0 ? act.smileLeft : act.smileRight
            let corner = bump(A, e, openings.mouthHalfWidth, top - gap / 2, 0.2, 0.2)
            ge += 0.11 * smile * corner - 0.08 * act.lipCornerDepress * corner
            ga += side * (0.07 * smile + 0.06 * act.lipStretch - 0.03 * act.lipPress)
                * bump(A, e, openings.mouthHalfWidth * 0.7, top, 0.35, 0.2)
            ge += 0.04 * act.cheekRaise * bump(A, e, 0.55, -0.35, 0.3, 0.28)
            ge += 0.05 * act.upperLipRaise * bump(A, e, 0.1, top + 0.04, 0.22, 0.08)
            ge -= 0.012 * act.lipPress * bump(A, e, 0, top + 0.04, 0.3, 0.05)
            ge += 0.012 * act.lipPress * bump(A, e, 0, bottom - 0.04, 0.3, 0.06)
            ge += 0.02 * act.noseWrinkle * bump(A, e, 0.08, -0.28, 0.16, 0.12)
            if old { ge -= 0.025 * bump(A, e, 0.62, -0.72, 0.4, 0.3) }
        }
        return (ga, ge)
    }

    /// Radial relief in canonical angles.
    @inline(__always) func displacement(_ a: Float, _ e: Float) -> Float {
        let A = Swift.abs(a)
        if A > 1.85 { return 0 }
        var d: Float = 0
        // Lips are separated by the mouth gap band; every other feature sees the band as the zero
        // height it has in space, so no step forms along it.
        let top = FaceLayout.mouthLine, bottom = top - FaceLayout.mouthGap
        let lipE = e
        let e = e >= top ? e : (e <= bottom ? e + FaceLayout.mouthGap : top)
        // Ears.
        d += ear * bump(A, e, FaceLayout.earAzimuth, FaceLayout.earElevation, 0.1, 0.26)
        if A > 1.3 { return d }
        // Brow ridge and forehead.
        d += browRidge * bump(A, e, 0.33, 0.16, 0.42, 0.1)
        d += 0.02 * bump(A, e, 0, 0.5, 0.6, 0.35)
        // Eye sockets (recessed) with a soft lower-lid bulge.
        d -= 0.05 * bump(A, e, FaceLayout.eyeAzimuth, 0.0, 0.22, 0.14)
        d += 0.008 * bump(A, e, FaceLayout.eyeAzimuth, -0.06, 0.12, 0.035)
        // Nose: bridge to tip, tip ball, wings.
        let bridge = FaceLayout.noseBridge
        if e < bridge + 0.02 && e > noseTip - 0.12 && A < 0.35 {
            var height: Float, width: Float
            if e >= noseTip {
                let t = (bridge - e) / (bridge - noseTip)
                height = noseBridge + (noseProjection - noseBridge) * Foundation.pow(Swift.max(t, 0), 1.4)
                width = noseWidth * (0.55 + 0.45 * t)
            } else {
                let s = (noseTip - e) / 0.1
                height = noseProjection * Swift.max(1 - s, 0) * Swift.max(1 - s, 0)
                width = noseWidth
            }
            d += height * bump1(a, 0, width * 1.6)
            d += noseTipBall * bump(A, e, 0, noseTip + 0.015, noseWidth * 0.8, 0.07)
            d += 0.05 * bump(A, e, noseWidth * 0.95, noseTip - 0.015, 0.065, 0.05)
        }
        // Cheekbones, cheeks, muzzle, nasolabial folds.
        d += cheekbone * bump(A, e, 0.62, cheekboneElevation, 0.3, 0.2)
        d += cheekFullness * bump(A, e, 0.6, -0.5, 0.45, 0.35)
        d += 0.05 * bump(A, e, 0, -0.62, 0.5, 0.32)
        d -= creaseDepth * nasolabial(A, e)
        // Lips (upper above the gap band, lower below it) and the philtrum.
        d += upperLip * bump(A, lipE, 0, top + 0.028, openings.mouthHalfWidth * 0.95, 0.045)
        d += lowerLip * bump(A, lipE, 0, bottom - 0.038, openings.mouthHalfWidth * 0.85, 0.055)
        d -= 0.006 * bump(A, e, 0, top + 0.1, 0.035, 0.06)
        // Chin, jowls, double chin.
        d += chin * bump(A, e, 0, FaceLayout.chinElevation, 0.42, 0.17)
        d += jowl * bump(A, e, 0.75, -0.85, 0.3, 0.2)
        d += doubleChin * bump(A, e, 0, -1.22, 0.45, 0.18)
        return d
    }

    /// 1 on the fold from the nose wing to beside the mouth corner, fading over ~0.03 rad.
    @inline(__always) func nasolabial(_ A: Float, _ e: Float) -> Float {
        let start = Vec2(0.15, noseTip - 0.03), end = Vec2(openings.mouthHalfWidth + 0.06, FaceLayout.mouthLine - 0.06)
        let p = Vec2(A, e), s = end - start
        let t = clamp01(((p - start) * s).sum() / (s * s).sum())
        let q = p - (start + s * t)
        let dist = (q * q).sum().squareRoot()
        return Swift.max(0, 1 - dist / 0.035)
    }

    /// Surface point of the eye centre (left: a > 0), used to place eyeballs and glasses.
    func eyeSurfacePoint(left: Bool) -> Vec3 {
        let p = FaceLayout.parameters(left ? FaceLayout.eyeAzimuth : -FaceLayout.eyeAzimuth, FaceLayout.eyeElevation)
        return point(p.x, p.y)
    }
}
