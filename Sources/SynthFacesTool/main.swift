import Foundation
import Imaging
import SynthFaces
import TensorCore
if CommandLine.arguments.count > 2 {
    var rows: [[Image]] = []
    for k in 0..<3 {
        var g = RandomGenerator(seed: 3, stream: UInt64(k))
        let id = Identity.random(&g, male: k == 1)
        var s = FaceScene(identity: id, background: .plain(0.5))
        s.framing = .face
        var row = [FaceRenderer.render(s, size: 256).image]
        s.yawDegrees = 45; row.append(FaceRenderer.render(s, size: 256).image)
        s.yawDegrees = 0; s.expression = .happy; row.append(FaceRenderer.render(s, size: 256).image)
        s.expression = .surprised; row.append(FaceRenderer.render(s, size: 256).image)
        rows.append(row)
    }
    try PNG.write(ImageGrid.compose(rows), to: URL(fileURLWithPath: CommandLine.arguments[1]))
} else {
let sheet = try ContactSheet.make(seed: 1, identities: 4, tile: 128)
try PNG.write(sheet, to: URL(fileURLWithPath: CommandLine.arguments[1]))
}
