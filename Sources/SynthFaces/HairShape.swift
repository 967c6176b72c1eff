import Foundation

/// The hair: a shell over the skull in the head's canonical (u, v), cut to the hairline by a
/// coverage test, with a hanging curtain below ear level for medium and long hair.
struct HairShape: Sendable {
    let head: HeadShape
    let length: HairLength
    let bald, bangs, receding, wavy, sideburns: Bool
    let hairline: Float
    let thickness: Float
    let seed: UInt32
    /// Elevation where the curtain starts hanging.
    static let curtainStart: Float = 0.05

    init(head: HeadShape, identity: Identity, attributes: FaceAttributes) {
        self.head = head
        length = attributes.hairLength
        bald = attributes.bald
        bangs = attributes.bangs && !attributes.bald
        receding = attributes.recedingHairline
        wavy = attributes.wavyHair
        sideburns = attributes.sideburns
        hairline = 0.5 + 0.04 * identity.foreheadHeight
        thickness = length == .short ? 0.05 : 0.08
        seed = identity.textureSeed
    }

    var hangs: Bool { !bald && length != .short }

    /// How far the curtain falls below its start (head units).
    var curtainLength: Float { length == .long ? 2.1 : 1.05 }

    /// The lowest canonical elevation the shell needs.
    var lowestElevation: Float { hangs ? -1.45 : -0.75 }

    /// Front hairline elevation at azimuth |a|, for the coverage test and skin texture.
    @inline(__always) func frontHairline(_ A: Float) -> Float {
        var h = hairline - 0.05 * Swift.max(0, 1 - (A / 0.7) * (A / 0.7))
        if receding { h += 0.14 + 0.16 * smoothstep(0.12, 0.55, A) }
        // Temples, above the ear, behind the ear, nape.
        let temple = mix(h, 0.3, smoothstep(0.75, 1.1, A))
        let aboveEar = mix(temple, sideburns ? -0.12 : 0.12, smoothstep(1.1, 1.3, A))
        let ear = mix(aboveEar, 0.2, smoothstep(1.32, 1.45, A))
        return mix(ear, -0.62, smoothstep(1.62, 1.95, A))
    }

    /// Whether the hair covers canonical (u, v).
    @inline(__always) func covers(_ u: Float, _ v: Float) -> Bool {
        let (a, e) = FaceLayout.angles(u, v)
        let A = Swift.abs(a)
        if bald {
            // A thin horseshoe fringe around the back and sides.
            return A > 1.25 && e > -0.45 && e < 0.3 - 0.1 * smoothstep(1.3, 2.2, A)
        }
        if e < Self.curtainStart && hangs {
            // The curtain: beside and behind the face, and frayed at its lower end.
            let t = (Self.curtainStart - e) / (Self.curtainStart + 1.45)
            let end = 1 - 0.08 * Noise.value(a * 9, 0, seed: seed)
            return A > 1.3 + 0.2 * t && t < end
        }
        // Hanging hair covers the ears down to where the curtain takes over.
        var line = hangs && A > 1.3 ? Swift.min(frontHairline(A), Self.curtainStart) : frontHairline(A)
        if bangs && A < 0.95 {
            let fringe = 0.26 + 0.012 * Foundation.sin(a * 47) + 0.02 * smoothstep(0.5, 0.95, A)
            line = Swift.min(line, fringe)
        }
        // Ragged at three scales; the finest makes a comb of strand tips.
        let ragged = 0.025 * (Noise.value(a * 30, 0, seed: seed) - 0.5) + 0.01 * (Noise.value(a * 90, 0, seed: seed &+ 1) - 0.5)
            + 0.012 * (Noise.value(a * 400, 0, seed: seed &+ 2) - 0.5)
        return e > line + ragged
    }

    /// Shell point for canonical (u, v).
    @inline(__always) func point(_ u: Float, _ v: Float) -> Vec3 {
        let (a, e) = FaceLayout.angles(u, v)
        if hangs && e < Self.curtainStart {
            let ring = shellPoint(a, Self.curtainStart)
            let t = (Self.curtainStart - e) / (Self.curtainStart + 1.45)
            let flare = 1 + 0.12 * t + (wavy ? 0.05 * Foundation.sin(t * 14 + a * 3) : 0)
            // Behind the neck the curtain is pulled in a little so it rests on the back.
            let back = smoothstep(2.2, 3.0, Swift.abs(a))
            return Vec3(ring.x * flare, ring.y - t * curtainLength, ring.z * flare - 0.1 * back * t)
        }
        return shellPoint(a, e)
    }

    @inline(__always) func shellPoint(_ a: Float, _ e: Float) -> Vec3 {
        let ce = Foundation.cos(e)
        let d = Vec3(ce * Foundation.sin(a), Foundation.sin(e), ce * Foundation.cos(a))
        let A = Swift.abs(a)
        // Volume: more on the crown and, for longer hair, over the temples and sides.
        var t = thickness + (length == .short ? 0.05 : 0.1) * smoothstep(0.1, 1.2, e) + 0.04 * smoothstep(1.2, 2.4, A)
        if length != .short { t += 0.05 * smoothstep(0.6, 1.3, A) * smoothstep(-0.2, 0.4, e) }
        if bald { t = 0.015 }
        if bangs && A < 1.0 { t += 0.05 * (1 - smoothstep(0.4, 0.9, e)) }
        if wavy { t += 0.008 * Foundation.sin(e * 60 + 2 * Foundation.sin(a * 5)) }
        // Over the ears when the hair hangs, so they do not poke through.
        if hangs { t += head.ear * bump(A, e, FaceLayout.earAzimuth, FaceLayout.earElevation, 0.2, 0.3) }
        // Clear the brow ridge and forehead relief.
        t += 0.04 * bump(A, e, 0, 0.35, 0.9, 0.3)
        return d * (head.baseRadius(d) + t)
    }
}
