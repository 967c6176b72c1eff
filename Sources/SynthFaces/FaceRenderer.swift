import Foundation
import Imaging

/// A rendered face: the picture and its exact UV correspondence field with the face mask.
public struct RenderedFace: Sendable {
    public let image: Image
    public let uvField: UVField
}

/// Renders `FaceScene`s: rasterises the face model into a surface buffer (optionally
/// supersampled), shades every sample and averages samples down to pixels.
public enum FaceRenderer {
    /// `supersampling` (samples per pixel side) defaults to 2 up to 256² and 1 above; inside a
    /// surface one sample is shaded per pixel, at edges all of them (see docs/synthfaces.md).
    public static func render(_ scene: FaceScene, size: Int, supersampling: Int? = nil) -> RenderedFace {
        render(FaceModel(scene: scene, detail: detail(size)), size: size, supersampling: supersampling ?? defaultSupersampling(size))
    }

    static func camera(for framing: Framing, size: Int) -> Camera {
        let (centreY, halfHeight): (Float, Float) = framing == .portrait ? (-0.5, 1.8) : (-0.1, 1.45)
        let focal = Float(size) / 2 / halfHeight
        return Camera(distance: 14, focal: focal, centre: Vec2(Float(size) / 2, Float(size) / 2 + centreY * focal),
                      width: size, height: size)
    }

    /// Several views of one face without rebuilding its geometry: for each camera yaw (degrees,
    /// Multi-PIE style orbit) the surfaces are rasterised once and shaded under each illumination.
    /// Result `[v][i]` is yaw `yaws[v]` under `illuminations[i]`; `scene.yawDegrees` is ignored.
    public static func renderViews(_ scene: FaceScene, yaws: [Float], illuminations: [Int], size: Int,
                                   supersampling: Int? = nil) -> [[RenderedFace]] {
        let ss = supersampling ?? defaultSupersampling(size)
        var frontal = scene
        frontal.yawDegrees = 0
        let base = FaceModel(scene: frontal, detail: detail(size))
        return yaws.map { yaw in
            let model = base.orbited(by: yaw)
            let surfaces = rasterise(model, size: size, supersampling: ss)
            let field = uvField(surfaces, size: size, supersampling: ss)
            return illuminations.map { illumination in
                var lit = model
                lit.setIllumination(illumination)
                return RenderedFace(image: shade(lit, surfaces, size: size, supersampling: ss), uvField: field)
            }
        }
    }

    static func defaultSupersampling(_ size: Int) -> Int { size <= 256 ? 2 : 1 }

    /// Mesh resolution for an output size: about one head-grid cell per 2 pixels across the face.
    static func detail(_ size: Int) -> Float { Swift.min(Swift.max(Float(size) / 256, 0.45), 3) }

    static func render(_ model: FaceModel, size: Int, supersampling ss: Int) -> RenderedFace {
        let surfaces = rasterise(model, size: size, supersampling: ss)
        return RenderedFace(image: shade(model, surfaces, size: size, supersampling: ss),
                            uvField: uvField(surfaces, size: size, supersampling: ss))
    }

    static func rasterise(_ model: FaceModel, size: Int, supersampling ss: Int) -> SurfaceBuffer {
        let inner = size * ss
        let camera = camera(for: model.scene.framing, size: inner)
        var buffer = SurfaceBuffer(width: inner, height: inner)
        for mesh in model.meshes { buffer.draw(mesh, camera: camera) }
        return buffer
    }

    /// Shades every sample and averages each ss×ss block into a pixel.
    static func shade(_ model: FaceModel, _ buffer: SurfaceBuffer, size: Int, supersampling ss: Int) -> Image {
        let inner = size * ss
        let camera = camera(for: model.scene.framing, size: inner)
        let lights = Illumination.setup(model.scene.illumination)
        let mapSize = Swift.min(Swift.max(size * 3 / 2, 96), 768)
        let shadow = lights.lights.first.map { ShadowMap(meshes: model.meshes, towardLight: $0.direction, size: mapSize) }
        let shader = Shader(model: model, lights: lights, camera: camera, shadow: shadow)
        let scale = 0.95 * model.scene.exposure / Float(ss * ss)
        var image = Image(width: size, height: size, channels: 3)
        for y in 0..<size {
            for x in 0..<size {
                var colour = Vec3.zero
                let first = (y * ss) * inner + x * ss
                if isUniform(buffer, first: first, ss: ss, inner: inner) {
                    // Inside one surface: one shaded sample stands for the pixel (edges get all of them).
                    colour = shader.shade(buffer, first, pixelX: Float(x * ss) + 0.5, pixelY: Float(y * ss) + 0.5) * Float(ss * ss)
                } else {
                    for sy in 0..<ss {
                        for sx in 0..<ss {
                            let ix = x * ss + sx, iy = y * ss + sy
                            colour += shader.shade(buffer, iy * inner + ix, pixelX: Float(ix) + 0.5, pixelY: Float(iy) + 0.5)
                        }
                    }
                }
                colour *= scale
                let p = (y * size + x) * 3
                image.pixels[p] = ToneCurve.encode(colour.x)
                image.pixels[p + 1] = ToneCurve.encode(colour.y)
                image.pixels[p + 2] = ToneCurve.encode(colour.z)
            }
        }
        if model.scene.attributes.blurry { image = GaussianBlur.apply(image, sigma: 1.6 * Float(size) / 256) }
        return image
    }

    /// True when every sample of a pixel sees the same surface from the same side at nearly the
    /// same depth, so that shading one of them is enough.
    @inline(__always) static func isUniform(_ buffer: SurfaceBuffer, first: Int, ss: Int, inner: Int) -> Bool {
        if ss == 1 { return true }
        let material = buffer.material[first], front = buffer.frontFacing[first], depth = buffer.depth[first]
        for sy in 0..<ss {
            for sx in 0..<ss {
                let k = first + sy * inner + sx
                if buffer.material[k] != material || buffer.frontFacing[k] != front { return false }
                if material != .background && Swift.abs(buffer.depth[k] - depth) > 0.02 { return false }
            }
        }
        return true
    }

    /// The face's (u, v) per pixel: the mean over the pixel's face samples, face where at least
    /// half the samples are face.
    static func uvField(_ buffer: SurfaceBuffer, size: Int, supersampling ss: Int) -> UVField {
        let inner = size * ss
        var field = UVField(width: size, height: size)
        for y in 0..<size {
            for x in 0..<size {
                var sum = Vec2.zero, count = 0
                for sy in 0..<ss {
                    for sx in 0..<ss {
                        let k = (y * ss + sy) * inner + x * ss + sx
                        if isFace(buffer, k) { sum += buffer.headUV[k]; count += 1 }
                    }
                }
                guard count * 2 >= ss * ss else { continue }
                let q = y * size + x
                field.u[q] = sum.x / Float(count)
                field.v[q] = sum.y / Float(count)
                field.mask[q] = 1
            }
        }
        return field
    }

    /// A face pixel: the head (or an eye, the mouth, teeth seen through its openings) in front of
    /// the ears, between the hairline and under the chin; not hair, glasses frames or the neck.
    @inline(__always) static func isFace(_ buffer: SurfaceBuffer, _ k: Int) -> Bool {
        let m = buffer.material[k]
        guard m == .skin || m == .eyeball || m == .mouth || m == .teeth || m == .socket, buffer.headDepth[k].isFinite else { return false }
        let (a, e) = FaceLayout.angles(buffer.headUV[k].x, buffer.headUV[k].y)
        return Swift.abs(a) < 1.3 && e > -1.35
    }
}

/// Linear radiance → display value: a soft shoulder above 0.8, then sRGB-like gamma 1/2.2.
enum ToneCurve {
    static let table: [Float] = (0...4096).map { i in
        let x = Float(i) / 4096 * 1.5
        let shoulder = x < 0.8 ? x : 0.8 + (1 - 0.8) * (1 - Foundation.exp(-(x - 0.8) / 0.2))
        return Foundation.pow(Swift.min(shoulder, 1), 1 / 2.2)
    }

    @inline(__always) static func encode(_ x: Float) -> Float {
        let i = Int(Swift.min(Swift.max(x, 0), 1.5) / 1.5 * 4096)
        return table[i]
    }
}

/// Separable Gaussian blur (the `Blurry` attribute).
enum GaussianBlur {
    static func apply(_ image: Image, sigma: Float) -> Image {
        let radius = Swift.max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Foundation.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        func pass(_ src: Image, horizontal: Bool) -> Image {
            var out = src
            for y in 0..<src.height {
                for x in 0..<src.width {
                    for c in 0..<src.channels {
                        var s: Float = 0
                        for (k, w) in kernel.enumerated() {
                            let o = k - radius
                            let sx = horizontal ? Swift.min(Swift.max(x + o, 0), src.width - 1) : x
                            let sy = horizontal ? y : Swift.min(Swift.max(y + o, 0), src.height - 1)
                            s += w * src[sx, sy, c]
                        }
                        out[x, y, c] = s
                    }
                }
            }
            return out
        }
        return pass(pass(image, horizontal: true), horizontal: false)
    }
}
