import Foundation
import TensorCore

/// Golden fixtures produced by `tools/make_fixtures.py` (PyTorch), stored as safetensors under
/// `Tests/Fixtures`. Located from this source file, so tests run from any working directory.
public enum Fixtures {
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    public static func load(_ name: String) throws -> SafeTensors.File {
        try SafeTensors.read(directory.appendingPathComponent(name + ".safetensors"))
    }
}

/// Largest |a − b| and whether every |a − b| ≤ atol + rtol·|b|.
public func compareTensors(_ a: Tensor, _ b: Tensor, atol: Float, rtol: Float) -> (ok: Bool, maxError: Float, message: String) {
    guard a.shape == b.shape else { return (false, .infinity, "shapes \(a.shape) vs \(b.shape)") }
    let x = a.scalars, y = b.scalars
    var worst: Float = 0, ok = true, at = 0
    for i in 0..<x.count {
        let e = Swift.abs(x[i] - y[i])
        if e > worst || e.isNaN { worst = e; at = i }
        if !(e <= atol + rtol * Swift.abs(y[i])) { ok = false }
    }
    return (ok, worst, "max |Δ| \(worst) at \(at) (ours \(x.isEmpty ? 0 : x[at]), reference \(y.isEmpty ? 0 : y[at]))")
}
