/// Depth of the scene seen from a directional light (orthographic), so that shading can tell
/// whether a point is lit: the nose, brows, hair and jaw cast shadows under side lights.
struct ShadowMap {
    let size: Int
    let direction: Vec3
    let right: Vec3, up: Vec3
    /// World units covered on each side of the light axis.
    let extent: Float
    var nearest: [Float]

    init(meshes: [Mesh], towardLight direction: Vec3, size: Int = 320, extent: Float = 2.6) {
        self.size = size
        self.direction = direction
        self.extent = extent
        let helper = Swift.abs(direction.y) < 0.95 ? Vec3(0, 1, 0) : Vec3(1, 0, 0)
        right = normalized(cross(helper, direction))
        up = cross(direction, right)
        nearest = [Float](repeating: .infinity, count: size * size)
        for mesh in meshes where mesh.insideHeadOpening == nil {
            let projected = mesh.positions.map(project)
            let coverage = mesh.coverage
            let triangles = mesh.triangles
            for t in stride(from: 0, to: triangles.count, by: 3) {
                let i0 = Int(triangles[t]), i1 = Int(triangles[t + 1]), i2 = Int(triangles[t + 2])
                let p0 = projected[i0], p1 = projected[i1], p2 = projected[i2]
                TriangleScan.scan(p0, p1, p2, width: size, height: size, doubleSided: true) { x, y, b0, b1, b2, _ in
                    let k = y * size + x
                    let z = b0 * p0.z + b1 * p1.z + b2 * p2.z
                    if z >= nearest[k] { return }
                    if let coverage {
                        let uv = mesh.uvs[i0] * b0 + mesh.uvs[i1] * b1 + mesh.uvs[i2] * b2
                        if !coverage(uv.x, uv.y) { return }
                    }
                    nearest[k] = z
                }
            }
        }
    }

    /// (map x, map y, distance from the light plane: smaller is nearer the light).
    @inline(__always) func project(_ p: Vec3) -> Vec3 {
        let scale = Float(size) / (2 * extent)
        return Vec3((dot(p, right) + extent) * scale, (extent - dot(p, up)) * scale, -dot(p, direction))
    }

    /// Fraction of a 3×3 neighbourhood of map samples (1.5 texels apart) that see `p`: 1 lit, 0 in
    /// shadow, soft in between, which hides the map's texels at shadow edges.
    @inline(__always) func visibility(_ p: Vec3, bias: Float = 0.05) -> Float {
        let q = project(p)
        var lit: Float = 0
        for dy in -1...1 {
            for dx in -1...1 {
                let x = Int((q.x + 1.5 * Float(dx)).rounded(.down)), y = Int((q.y + 1.5 * Float(dy)).rounded(.down))
                if x < 0 || y < 0 || x >= size || y >= size || q.z <= nearest[y * size + x] + bias { lit += 1 }
            }
        }
        return lit / 9
    }
}
