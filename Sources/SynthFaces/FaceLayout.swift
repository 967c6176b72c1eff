import Foundation

/// Where the anatomy sits in the canonical parameterisation, shared by geometry and texture.
///
/// Canonical angles: azimuth a = (u − 0.5)·2π (0 on the facial midline, positive towards the
/// subject's left = the viewer's right in a frontal view) and elevation e = (v − 0.5)·π (−π/2 under
/// the head, +π/2 at the crown). Every identity and expression keeps these places fixed in (u, v)
/// and moves them in space instead, which is what makes the UV field a dense correspondence.
enum FaceLayout {
    static let eyeAzimuth: Float = 0.36
    static let eyeElevation: Float = 0.0
    static let eyeHalfWidth: Float = 0.15
    static let upperLidHeight: Float = 0.062
    static let lowerLidHeight: Float = 0.04
    static let browElevation: Float = 0.2
    static let noseBridge: Float = 0.06
    static let noseTip: Float = -0.32
    /// Lip contact line (top of the mouth gap band) and the gap band's height in canonical
    /// elevation; the band has zero height in space while the mouth is closed.
    static let mouthLine: Float = -0.6
    static let mouthGap: Float = 0.05
    static let mouthHalfWidth: Float = 0.25
    static let chinElevation: Float = -1.0
    static let earAzimuth: Float = 1.5
    static let earElevation: Float = -0.08

    @inline(__always) static func angles(_ u: Float, _ v: Float) -> (a: Float, e: Float) {
        ((u - 0.5) * 2 * .pi, (v - 0.5) * .pi)
    }

    @inline(__always) static func parameters(_ a: Float, _ e: Float) -> Vec2 {
        Vec2(a / (2 * .pi) + 0.5, e / .pi + 0.5)
    }
}

/// The shape of the eye openings and the mouth opening for one face (identity, attributes and
/// expression), as regions of canonical (a, e).
struct Openings: Sendable {
    var eyeHalfWidth: Float
    var eyeTilt: Float
    var upperLid: Float
    var lowerLid: Float
    var mouthHalfWidth: Float
    /// Largest opening of the lips in elevation (0: closed).
    var mouthOpen: Float

    /// Position inside an eye opening: (x along the eye −1 … 1 from inner to outer corner,
    /// y relative to the lid line in canonical elevation), or nil away from the eyes.
    @inline(__always) func eyeLocal(_ a: Float, _ e: Float) -> (x: Float, y: Float)? {
        let x = (Swift.abs(a) - FaceLayout.eyeAzimuth) / eyeHalfWidth
        if x <= -1.3 || x >= 1.3 { return nil }
        return (x, e - FaceLayout.eyeElevation - eyeTilt * x)
    }

    @inline(__always) func upperLidCurve(_ x: Float) -> Float {
        let s = Swift.max(1 - x * x, 0)
        return upperLid * s.squareRoot() * (1 - 0.25 * x) * (0.9 + 0.1 * s)
    }

    @inline(__always) func lowerLidCurve(_ x: Float) -> Float {
        let s = Swift.max(1 - x * x, 0)
        return -lowerLid * s * (1 + 0.15 * x)
    }

    /// Signed distance-like measure to the lid margin: > 0 inside the opening.
    @inline(__always) func eyeInside(_ a: Float, _ e: Float) -> Float {
        guard let (x, y) = eyeLocal(a, e), Swift.abs(x) < 1 else { return -1 }
        return Swift.min(upperLidCurve(x) - y, y - lowerLidCurve(x))
    }

    /// Lens of the parted lips inside the mouth gap band, in canonical angles.
    @inline(__always) func mouthInside(_ a: Float, _ e: Float) -> Bool {
        guard mouthOpen > 0.002 else { return false }
        let top = FaceLayout.mouthLine, bottom = top - FaceLayout.mouthGap
        if e >= top || e <= bottom { return false }
        return Swift.abs(a) < mouthHalfWidth * 0.97
    }
}
