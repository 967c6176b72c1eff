import Foundation
import Imaging
import SynthFaces
import Testing
import TensorCore

@Test(.enabled(if: ProcessInfo.processInfo.environment["SYNTHFACES_DEBUG"] != nil)) func debugRender() throws {
    var rows: [[Image]] = []
    for k in 0..<3 {
        var g = RandomGenerator(seed: 1, stream: UInt64(k * 2))
        var id = Identity.random(&g, male: false)
        id.hairLength = [.long, .medium, .long][k]
        var row: [Image] = []
        for yaw: Float in [0, 45, 90] {
            row.append(FaceRenderer.render(FaceScene(identity: id, yawDegrees: yaw, background: .plain(0.55), framing: .portrait), size: 192).image)
        }
        rows.append(row)
    }
    try PNG.write(ImageGrid.compose(rows), to: URL(fileURLWithPath: "/tmp/debug.png"))
}
