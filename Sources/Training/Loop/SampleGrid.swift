import Foundation
import Imaging
import TensorCore

/// StarGAN-style sample grids (`solver.py` L300–313): one row per fixed input, columns the input and
/// then its translation to each target column, written as `samples/iter-00001000.png`.
public struct SampleGrid {
    /// Fixed inputs [R, 3, H, W] and their labels [R, L].
    public let images: Tensor
    public let labels: Tensor
    /// One target label tensor [R, L] per column after the input.
    public let targetColumns: [Tensor]

    public init(images: Tensor, labels: Tensor, targetColumns: [Tensor]) {
        self.images = images; self.labels = labels; self.targetColumns = targetColumns
    }

    public func render(with method: TrainingMethod) -> Image {
        let outputs = targetColumns.map { method.translate(images, sourceLabels: labels, targetLabels: $0) }
        let rows = (0..<images.shape[0]).map { r in
            ([images] + outputs).map { Image(tensor: $0.slice(axis: 0, r..<(r + 1))) }
        }
        return ImageGrid.compose(rows)
    }

    func write(with method: TrainingMethod, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PNG.write(render(with: method), to: url)
    }
}
