import Datasets
import Imaging
import SynthFaces
import Testing
import TensorCore

/// What the renderer promises: determinism, ground-truth translations that change only what they
/// should, and a UV field that is a property of the surface (not of light, background or pose).
@Suite struct RendererTests {
    static func person(_ seed: UInt64, male: Bool? = nil) -> Identity {
        var g = RandomGenerator(seed: seed)
        return Identity.random(&g, male: male)
    }

    @Test func sameSceneSamePixels() {
        let scene = FaceScene(identity: Self.person(1), illumination: 4, framing: .portrait)
        let a = FaceRenderer.render(scene, size: 48), b = FaceRenderer.render(scene, size: 48)
        #expect(a.image == b.image && a.uvField == b.uvField)
        #expect(a.uvField.mask.reduce(0, +) > 48 * 48 / 20)
    }

    /// Frontal, symmetric face: the UV field mirrors with u ↦ 1 − u.
    @Test func frontalUVFieldIsMirrorSymmetric() {
        var person = Self.person(2)
        person.eyeTilt = 0
        let field = FaceRenderer.render(FaceScene(identity: person, framing: .face), size: 64).uvField
        var total: Float = 0, count = 0
        for y in 0..<64 {
            for x in 0..<64 where field.mask[y * 64 + x] > 0 && field.mask[y * 64 + 63 - x] > 0 {
                total += Swift.abs(field.u[y * 64 + x] - (1 - field.u[y * 64 + 63 - x]))
                total += Swift.abs(field.v[y * 64 + x] - field.v[y * 64 + 63 - x])
                count += 1
            }
        }
        #expect(count > 500)
        #expect(total / Float(count) < 0.002)
        // u grows towards the viewer's right on a frontal face; v grows upwards.
        let row = 32 * 64
        let xs = (0..<64).filter { field.mask[row + $0] > 0 }
        #expect(field.u[row + xs.first!] < 0.45 && field.u[row + xs.last!] > 0.55)
    }

    /// Turning the camera by +θ and −θ gives mirror images, in pixels and in UV.
    @Test func oppositeYawsAreMirrorImages() {
        var person = Self.person(3)
        person.eyeTilt = 0
        let left = FaceRenderer.render(FaceScene(identity: person, yawDegrees: 45, framing: .face), size: 48)
        let right = FaceRenderer.render(FaceScene(identity: person, yawDegrees: -45, framing: .face), size: 48)
        let mirrored = right.uvField.flippedHorizontally()
        var differing = 0
        for p in 0..<(48 * 48) where left.uvField.mask[p] != mirrored.mask[p] { differing += 1 }
        #expect(differing < 48 * 48 / 100)
        var worst: Float = 0
        for p in 0..<(48 * 48) where left.uvField.mask[p] > 0 && mirrored.mask[p] > 0 {
            worst = Swift.max(worst, Swift.abs(left.uvField.u[p] - mirrored.u[p]))
        }
        #expect(worst < 0.02)
    }

    /// Light, background, hair colour and makeup change the picture but not the geometry: the
    /// UV field stays identical wherever the face is visible in both.
    @Test func uvFieldIgnoresLightBackgroundAndColour() throws {
        let base = FaceScene(identity: Self.person(4), illumination: 6, background: .plain(0.5), framing: .portrait)
        var other = try base.with(["Blond_Hair": true, "Heavy_Makeup": true])
        other.illumination = 13
        other.background = .plain(0.1)
        let a = FaceRenderer.render(base, size: 48), b = FaceRenderer.render(other, size: 48)
        #expect(a.image != b.image)
        #expect(a.uvField == b.uvField)
    }

    /// A ground-truth translation changes the pixels where the attribute lives: hair colour
    /// mostly off the face, lipstick and eye shadow only on it.
    @Test func translationsAreLocalised() throws {
        let base = FaceScene(identity: Self.person(5, male: false), background: .plain(0.5), framing: .portrait)
        let source = FaceRenderer.render(base, size: 64)
        func changed(_ changes: [String: Bool]) throws -> (onFace: Int, offFace: Int) {
            let target = FaceRenderer.render(try base.with(changes), size: 64).image
            var on = 0, off = 0
            for p in 0..<(64 * 64) {
                let d = (0..<3).map { Swift.abs(source.image.pixels[p * 3 + $0] - target.pixels[p * 3 + $0]) }.max()!
                if d > 0.02 { if source.uvField.mask[p] > 0 { on += 1 } else { off += 1 } }
            }
            return (on, off)
        }
        let hair = try changed([base.attributes.hairColour == .blond ? "Black_Hair" : "Blond_Hair": true])
        #expect(hair.offFace > 150 && hair.offFace > 2 * hair.onFace)
        let makeup = try changed(["Heavy_Makeup": true])
        #expect(makeup.onFace > 20 && makeup.offFace == 0)
    }

    @Test func profileShowsOneSideOfTheFace() {
        let person = Self.person(6)
        let front = FaceRenderer.render(FaceScene(identity: person, framing: .face), size: 48).uvField
        let profile = FaceRenderer.render(FaceScene(identity: person, yawDegrees: 90, framing: .face), size: 48).uvField
        func uRange(_ f: UVField) -> (Float, Float) {
            let us = (0..<(48 * 48)).filter { f.mask[$0] > 0 }.map { f.u[$0] }
            return (us.min()!, us.max()!)
        }
        let (frontLow, frontHigh) = uRange(front), (_, profileHigh) = uRange(profile)
        #expect(frontLow < 0.35 && frontHigh > 0.65)
        // At +90° the face points to the viewer's right and its right half (u < 0.5) faces the
        // camera: beyond the nose (u a little over 0.5) nothing of the left half is visible.
        #expect(profileHigh < 0.56)
    }

    @Test func unknownAttributeNameIsAnError() {
        let scene = FaceScene(identity: Self.person(7))
        #expect(throws: AttributeNameError.self) { try scene.with(["Wearing_Hat": true]) }
        #expect(throws: AttributeNameError.self) { try scene.with(["Purple_Hair": true]) }
    }

    @Test func labelsFollowAttributes() throws {
        var attributes = FaceAttributes()
        try attributes.set("Blond_Hair", true)
        try attributes.set("Young", false)
        let labels = attributes.celebALabels
        let index = { CelebAAttributes.names.firstIndex(of: $0)! }
        #expect(labels[index("Blond_Hair")] == 1 && labels[index("Black_Hair")] == -1 && labels[index("Young")] == -1)
        #expect(FaceAttributes.unrenderedCelebAAttributes.allSatisfy { labels[index($0)] == -1 })
    }
}
