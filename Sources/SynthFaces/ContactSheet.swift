import Datasets
import Imaging
import TensorCore

/// A picture for a person to judge the renderer: identities × attributes, then poses,
/// expressions, illuminations and UV fields of one identity.
public enum ContactSheet {
    /// Attribute edits shown per identity (after the identity's own look), as CelebA names.
    public static let edits: [(label: String, changes: [String: Bool])] = [
        ("black hair", ["Black_Hair": true]), ("blond hair", ["Blond_Hair": true]), ("brown hair", ["Brown_Hair": true]),
        ("gray hair", ["Gray_Hair": true]), ("makeup", ["Heavy_Makeup": true]), ("old", ["Young": false]),
        ("eyeglasses", ["Eyeglasses": true]), ("bangs", ["Bangs": true]), ("smiling", ["Smiling": true]),
        ("mouth open", ["Mouth_Slightly_Open": true]), ("beard", ["No_Beard": false, "Male": true]),
        ("pale skin", ["Pale_Skin": true]),
    ]

    /// Rows: `identities` rows of [own look, each edit]; one row each of the 13 poses, the 8
    /// expressions, the 20 illuminations (two rows of 10), and [image, UV field] pairs for poses.
    public static func make(seed: UInt64, identities: Int = 6, tile: Int = 128) throws -> Image {
        var rows: [[Image]] = []
        var people: [Identity] = []
        for k in 0..<identities {
            var g = RandomGenerator(seed: seed, stream: UInt64(k))
            people.append(Identity.random(&g, male: k % 2 == 1))
        }
        for person in people {
            let base = FaceScene(identity: person, background: .plain(0.55))
            var row = [FaceRenderer.render(base, size: tile).image]
            for edit in edits { row.append(FaceRenderer.render(try base.with(edit.changes), size: tile).image) }
            rows.append(row)
        }
        let person = people[0]
        rows.append(MultiPIECamera.all.map { camera in
            FaceRenderer.render(FaceScene(identity: person, yawDegrees: Float(-camera.yaw), background: .plain(0.55), framing: .face),
                                size: tile).image
        })
        rows.append(RaFDExpression.allCases.map { expression in
            FaceRenderer.render(FaceScene(identity: people[1 % people.count], expression: expression, background: .plain(0.55),
                                          framing: .face), size: tile).image
        } + Gaze.allCases.map { gaze in
            FaceRenderer.render(FaceScene(identity: people[1 % people.count], gaze: gaze, background: .plain(0.55), framing: .face),
                                size: tile).image
        })
        let lights = (0..<Illumination.count).map { i in
            FaceRenderer.render(FaceScene(identity: people[2 % people.count], illumination: i, background: .plain(0.4), framing: .face),
                                size: tile).image
        }
        rows.append(Array(lights[0..<10]))
        rows.append(Array(lights[10..<20]))
        var uvRow: [Image] = []
        for yaw in [-60, -30, 0, 30, 60] as [Float] {
            var scene = FaceScene(identity: people[3 % people.count], yawDegrees: yaw, background: .plain(0.55), framing: .face)
            scene.expression = yaw == 0 ? .happy : nil
            let face = FaceRenderer.render(scene, size: tile)
            uvRow += [face.image, visualise(face.uvField)]
        }
        rows.append(uvRow)
        return ImageGrid.compose(rows, padding: 2, background: [1, 1, 1])
    }

    /// u and v as red and green with grid lines every 1/32, black off the face: the same grid cell
    /// must sit on the same anatomy in every pose.
    public static func visualise(_ field: UVField) -> Image {
        var image = Image(width: field.width, height: field.height, channels: 3)
        for p in 0..<(field.width * field.height) where field.mask[p] > 0.5 {
            let u = field.u[p], v = field.v[p]
            let lineU = Swift.abs((u * 32).rounded() - u * 32) < 0.08
            let lineV = Swift.abs((v * 32).rounded() - v * 32) < 0.08
            let dim: Float = lineU || lineV ? 0.35 : 1
            image.pixels[p * 3] = clamp01((u - 0.25) * 2) * dim
            image.pixels[p * 3 + 1] = clamp01((v - 0.2) * 1.6) * dim
            image.pixels[p * 3 + 2] = 0.5 * dim
        }
        return image
    }
}
