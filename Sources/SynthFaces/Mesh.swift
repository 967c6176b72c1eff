/// What a surface is made of; picks the shading model and whether a pixel belongs to the face.
enum Material: UInt8 {
    case background = 0, skin, eyeball, mouth, teeth, hair, neck, clothing, glasses, earring, socket
}

/// A triangle mesh with a surface parameter (u, v) per vertex. For the head, (u, v) is the
/// canonical face parameterisation, which is what the UV field reports.
struct Mesh {
    var positions: [Vec3] = []
    var normals: [Vec3] = []
    var uvs: [Vec2] = []
    var triangles: [Int32] = []
    var material: Material
    /// Rasterise back faces too (hair shells, the head seen through its eye and mouth openings).
    var doubleSided = false
    /// Per-fragment cut-out on (u, v): false discards the fragment (eye and mouth openings, the
    /// hairline). Nil keeps every fragment.
    var coverage: (@Sendable (Float, Float) -> Bool)?
    /// Draw only where the head, drawn before, has an opening at this pixel (tested on the head's
    /// (u, v) there): eyeballs and the mouth then never show through the skin.
    var insideHeadOpening: (@Sendable (Float, Float) -> Bool)?

    init(material: Material) { self.material = material }

    /// A grid surface: `position(u, v)` sampled at every (us[i], vs[j]). Normals are
    /// cross(∂P/∂u, ∂P/∂v), so a surface whose u runs towards +x and v towards +y faces +z. With
    /// `wrapU`, the last column joins the first (a closed band; `us` then excludes the end value).
    static func grid(material: Material, us: [Float], vs: [Float], wrapU: Bool = false,
                     position: (Float, Float) -> Vec3) -> Mesh {
        var mesh = Mesh(material: material)
        let uCount = us.count, rows = vs.count - 1
        mesh.positions.reserveCapacity(uCount * vs.count)
        for vv in vs {
            for uu in us {
                mesh.positions.append(position(uu, vv))
                mesh.uvs.append(Vec2(uu, vv))
            }
        }
        mesh.normals = [Vec3](repeating: Vec3(0, 0, 1), count: mesh.positions.count)
        for j in 0...rows {
            for i in 0..<uCount {
                let left = wrapU ? (i + uCount - 1) % uCount : Swift.max(i - 1, 0)
                let right = wrapU ? (i + 1) % uCount : Swift.min(i + 1, uCount - 1)
                let down = Swift.max(j - 1, 0), up = Swift.min(j + 1, rows)
                let du = mesh.positions[j * uCount + right] - mesh.positions[j * uCount + left]
                var dv = mesh.positions[up * uCount + i] - mesh.positions[down * uCount + i]
                if length(dv) < 1e-7 {
                    // A collapsed row (the closed mouth band): look one row further.
                    dv = mesh.positions[Swift.min(up + 1, rows) * uCount + i] - mesh.positions[Swift.max(down - 1, 0) * uCount + i]
                }
                let n = cross(du, dv)
                let l = length(n)
                mesh.normals[j * uCount + i] = l > 1e-12 ? n / l : normalized(mesh.positions[j * uCount + i])
            }
        }
        let columns = wrapU ? uCount : uCount - 1
        mesh.triangles.reserveCapacity(columns * rows * 6)
        for j in 0..<rows {
            for i in 0..<columns {
                let i1 = (i + 1) % uCount
                let a = Int32(j * uCount + i), b = Int32(j * uCount + i1)
                let c = Int32((j + 1) * uCount + i), d = Int32((j + 1) * uCount + i1)
                mesh.triangles += [a, b, d, a, d, c]
            }
        }
        return mesh
    }

    /// Evenly spaced samples over `range` (`count` intervals; the end excluded when `open`).
    static func samples(_ range: ClosedRange<Float>, _ count: Int, open: Bool = false) -> [Float] {
        (0..<(open ? count : count + 1)).map { range.lowerBound + (range.upperBound - range.lowerBound) * Float($0) / Float(count) }
    }

    /// Samples over `range` denser inside `focus` (by `factor`), for meshes whose detail sits in
    /// one part of the parameter range (the face on the head).
    static func samples(_ range: ClosedRange<Float>, _ count: Int, focus: ClosedRange<Float>, factor: Float, open: Bool = false) -> [Float] {
        let fine = 1000
        var weights = [Float](), xs = [Float]()
        for k in 0...fine {
            let x = range.lowerBound + (range.upperBound - range.lowerBound) * Float(k) / Float(fine)
            xs.append(x)
            weights.append(focus.contains(x) ? factor : 1)
        }
        var cumulative = [Float](repeating: 0, count: fine + 1)
        for k in 1...fine { cumulative[k] = cumulative[k - 1] + (weights[k] + weights[k - 1]) / 2 }
        let total = cumulative[fine]
        var out: [Float] = []
        var k = 0
        for s in 0..<(open ? count : count + 1) {
            let target = total * Float(s) / Float(count)
            while k < fine && cumulative[k + 1] < target { k += 1 }
            let span = k < fine ? cumulative[k + 1] - cumulative[k] : 1
            let t = span > 0 ? (target - cumulative[k]) / span : 0
            out.append(k < fine ? xs[k] + (xs[k + 1] - xs[k]) * Swift.min(Swift.max(t, 0), 1) : xs[fine])
        }
        return out
    }

    /// The mesh moved rigidly.
    func placed(_ motion: RigidMotion) -> Mesh {
        var out = self
        out.positions = positions.map(motion.apply)
        out.normals = normals.map(motion.rotate)
        return out
    }
}
