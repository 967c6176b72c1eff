import Foundation

/// A pinhole camera on the +z axis looking towards −z; world units are head units (about 10 cm).
struct Camera {
    var distance: Float
    /// Pixels per world unit at the origin's depth.
    var focal: Float
    var centre: Vec2
    var width: Int
    var height: Int

    /// World point → (pixel x, pixel y, depth along the view axis).
    @inline(__always) func project(_ p: Vec3) -> Vec3 {
        let depth = distance - p.z
        let s = focal * distance / depth
        return Vec3(centre.x + p.x * s, centre.y - p.y * s, depth)
    }

    var position: Vec3 { Vec3(0, 0, distance) }

    /// The ray through a pixel position: origin at the camera, unit direction.
    func ray(_ x: Float, _ y: Float) -> Vec3 {
        normalized(Vec3((x - centre.x) / focal, -(y - centre.y) / focal, -distance) )
    }
}

/// Per-pixel surface samples (a G-buffer): what is seen at each pixel and where on that surface.
struct SurfaceBuffer {
    let width: Int, height: Int
    var depth: [Float]
    var material: [Material]
    var uv: [Vec2]
    var normal: [Vec3]
    var position: [Vec3]
    var frontFacing: [Bool]
    /// The nearest head-surface fragment, openings included: the face's UV field.
    var headDepth: [Float]
    var headUV: [Vec2]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let n = width * height
        depth = [Float](repeating: .infinity, count: n)
        material = [Material](repeating: .background, count: n)
        uv = [Vec2](repeating: .zero, count: n)
        normal = [Vec3](repeating: Vec3(0, 0, 1), count: n)
        position = [Vec3](repeating: .zero, count: n)
        frontFacing = [Bool](repeating: true, count: n)
        headDepth = [Float](repeating: .infinity, count: n)
        headUV = [Vec2](repeating: .zero, count: n)
    }

    /// Z-buffered rasterisation with perspective-correct interpolation of (u, v), normals and
    /// positions; pixel centres at (x + 0.5, y + 0.5).
    mutating func draw(_ mesh: Mesh, camera: Camera) {
        let projected = mesh.positions.map(camera.project)
        let tracksHead = mesh.material == .skin
        let w = width, h = height
        let triangles = mesh.triangles
        let coverage = mesh.coverage
        let opening = mesh.insideHeadOpening
        for t in stride(from: 0, to: triangles.count, by: 3) {
            let i0 = Int(triangles[t]), i1 = Int(triangles[t + 1]), i2 = Int(triangles[t + 2])
            let p0 = projected[i0], p1 = projected[i1], p2 = projected[i2]
            if p0.z <= 0.01 || p1.z <= 0.01 || p2.z <= 0.01 { continue }
            let q0 = 1 / p0.z, q1 = 1 / p1.z, q2 = 1 / p2.z
            TriangleScan.scan(p0, p1, p2, width: w, height: h, doubleSided: mesh.doubleSided) { x, y, b0, b1, b2, front in
                let k = y * w + x
                let q = b0 * q0 + b1 * q1 + b2 * q2
                let z = 1 / q
                if let opening, !(headDepth[k].isFinite && opening(headUV[k].x, headUV[k].y)) { return }
                let headCloser = tracksHead && z < headDepth[k]
                if z >= depth[k] && !headCloser { return }
                let w0 = b0 * q0 * z, w1 = b1 * q1 * z, w2 = b2 * q2 * z
                let uv = mesh.uvs[i0] * w0 + mesh.uvs[i1] * w1 + mesh.uvs[i2] * w2
                if headCloser {
                    headDepth[k] = z
                    headUV[k] = uv
                }
                if z >= depth[k] { return }
                if let coverage, !coverage(uv.x, uv.y) { return }
                depth[k] = z
                material[k] = mesh.material
                self.uv[k] = uv
                normal[k] = mesh.normals[i0] * w0 + mesh.normals[i1] * w1 + mesh.normals[i2] * w2
                position[k] = mesh.positions[i0] * w0 + mesh.positions[i1] * w1 + mesh.positions[i2] * w2
                frontFacing[k] = front
            }
        }
    }
}

/// Scan conversion of one screen-space triangle: calls `body` for every pixel whose centre
/// (x + 0.5, y + 0.5) lies inside, with barycentric weights and whether the triangle faces the
/// viewer (counter-clockwise on screen, where y points down). Shared by the camera and shadow passes.
enum TriangleScan {
    @inline(__always)
    static func scan(_ p0: Vec3, _ p1: Vec3, _ p2: Vec3, width w: Int, height h: Int, doubleSided: Bool,
                     _ body: (Int, Int, Float, Float, Float, Bool) -> Void) {
        let area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x)
        if Swift.abs(area) < 1e-9 { return }
        let front = area < 0
        if !front && !doubleSided { return }
        let minX = Swift.max(Int((Swift.min(p0.x, p1.x, p2.x) - 0.5).rounded(.up)), 0)
        let maxX = Swift.min(Int((Swift.max(p0.x, p1.x, p2.x) - 0.5).rounded(.down)), w - 1)
        let minY = Swift.max(Int((Swift.min(p0.y, p1.y, p2.y) - 0.5).rounded(.up)), 0)
        let maxY = Swift.min(Int((Swift.max(p0.y, p1.y, p2.y) - 0.5).rounded(.down)), h - 1)
        if minX > maxX || minY > maxY { return }
        let inverseArea = 1 / area
        for y in minY...maxY {
            let py = Float(y) + 0.5
            for x in minX...maxX {
                let px = Float(x) + 0.5
                let b0 = ((p1.x - px) * (p2.y - py) - (p1.y - py) * (p2.x - px)) * inverseArea
                let b1 = ((p2.x - px) * (p0.y - py) - (p2.y - py) * (p0.x - px)) * inverseArea
                let b2 = 1 - b0 - b1
                if b0 < 0 || b1 < 0 || b2 < 0 { continue }
                body(x, y, b0, b1, b2, front)
            }
        }
    }
}
