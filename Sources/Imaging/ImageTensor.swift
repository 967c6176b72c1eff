import TensorCore

/// Images as network inputs: CHW tensors in [−1, 1] (torchvision `ToTensor` then
/// `Normalize(0.5, 0.5)`, the convention of every method in the harness).
extension Image {
    /// Writes this image's samples, mapped to [−1, 1], as planes into `destination` (C·H·W floats).
    public func writePlanes(into destination: UnsafeMutableBufferPointer<Float>) {
        precondition(destination.count >= width * height * channels, "writePlanes: destination too small")
        let plane = width * height
        for p in 0..<plane {
            for c in 0..<channels { destination[c * plane + p] = pixels[p * channels + c] * 2 - 1 }
        }
    }

    /// A [C, H, W] tensor in [−1, 1].
    public func tensor() -> Tensor {
        var t = Tensor.zeros([channels, height, width])
        t.withUnsafeMutableBufferPointer { writePlanes(into: $0) }
        return t
    }

    /// The image held by a [C, H, W] (or [1, C, H, W]) tensor in [−1, 1], clamped into [0, 1].
    public init(tensor: Tensor) {
        let shape = tensor.shape.count == 4 ? Array(tensor.shape.dropFirst()) : tensor.shape
        precondition(shape.count == 3 && (tensor.shape.count == 3 || tensor.shape[0] == 1),
                     "Image(tensor:): expected [C, H, W] or [1, C, H, W], got \(tensor.shape)")
        let (c, h, w) = (shape[0], shape[1], shape[2])
        var pixels = [Float](repeating: 0, count: c * h * w)
        tensor.withUnsafeBufferPointer { source in
            for p in 0..<(h * w) {
                for k in 0..<c { pixels[p * c + k] = Swift.min(Swift.max((source[k * h * w + p] + 1) / 2, 0), 1) }
            }
        }
        self.init(width: w, height: h, channels: c, pixels: pixels)
    }
}
