import Foundation
import TensorCore

/// The 20 light set-ups, numbered as Multi-PIE's illuminations 00–19 (`evaluators.md` §4.1):
/// 00 and 19 have room light only (no flash); 01–18 add one flash at a fixed place in the room,
/// sweeping from the subject's right (−90°) to the left (+90°) at eye height (01–13), plus five
/// raised flashes (14–18). 06 is the frontal flash that the rank-1 gallery uses. Lights stay in the
/// room while the camera moves, as in Multi-PIE.
public enum Illumination {
    public static let count = 20

    /// (azimuth, elevation) in degrees of the flash of each set-up; nil for room light only.
    public static let flashes: [(azimuth: Float, elevation: Float)?] = [
        nil, (-90, 5), (-75, 5), (-60, 5), (-45, 5), (-30, 5), (0, 10), (-15, 5), (15, 5), (30, 5),
        (45, 5), (60, 5), (75, 5), (90, 5), (0, 45), (-35, 35), (35, 35), (-60, 30), (60, 30), nil,
    ]

    struct Light {
        var direction: Vec3
        var intensity: Vec3
    }

    struct Setup {
        var lights: [Light]
        var ambient: Float
    }

    static func setup(_ index: Int) -> Setup {
        let i = ((index % count) + count) % count
        guard let flash = flashes[i] else {
            // Room light: soft top-front fill and a strong ambient term.
            return Setup(lights: [Light(direction: normalized(Vec3(0.15, 0.6, 1)), intensity: Vec3(0.55, 0.53, 0.5))],
                         ambient: 0.55)
        }
        let az = flash.azimuth * .pi / 180, el = flash.elevation * .pi / 180
        let direction = Vec3(Foundation.sin(az) * Foundation.cos(el), Foundation.sin(el), Foundation.cos(az) * Foundation.cos(el))
        return Setup(lights: [Light(direction: direction, intensity: Vec3(1.25, 1.22, 1.18)),
                              Light(direction: normalized(Vec3(0, 0.5, 1)), intensity: Vec3(0.1, 0.1, 0.1))],
                     ambient: 0.2)
    }
}

/// Behind the subject: a vertical gradient with soft out-of-focus blobs (CelebA-like) or a plain
/// backdrop (studio-like RaFD and Multi-PIE).
public struct Background: Codable, Sendable, Equatable {
    public var top: [Float]
    public var bottom: [Float]
    /// Blobs as (x, y, radius) in image fractions and a linear RGB colour.
    public var blobs: [[Float]]

    public init(top: [Float], bottom: [Float], blobs: [[Float]] = []) {
        self.top = top
        self.bottom = bottom
        self.blobs = blobs
    }

    public static func plain(_ grey: Float) -> Background { Background(top: [grey, grey, grey], bottom: [grey, grey, grey]) }

    public static func random(_ g: inout RandomGenerator) -> Background {
        func colour() -> [Float] {
            let base = g.uniform(0.02, 0.7)
            return (0..<3).map { _ in Swift.min(Swift.max(base * g.uniform(0.6, 1.4), 0), 1) }
        }
        var b = Background(top: colour(), bottom: colour())
        for _ in 0..<g.integer(below: 5) {
            b.blobs.append([g.uniform(0, 1), g.uniform(0, 0.8), g.uniform(0.08, 0.3)] + colour())
        }
        return b
    }

    @inline(__always) func colour(_ x: Float, _ y: Float) -> Vec3 {
        var c = mix(Vec3(top[0], top[1], top[2]), Vec3(bottom[0], bottom[1], bottom[2]), y)
        for blob in blobs {
            let dx = x - blob[0], dy = y - blob[1]
            let w = Swift.max(0, 1 - (dx * dx + dy * dy) / (blob[2] * blob[2]))
            c = mix(c, Vec3(blob[3], blob[4], blob[5]), 0.6 * w * w)
        }
        return c
    }
}
