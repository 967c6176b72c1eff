import Foundation

/// A fresh temporary folder per test, removed by the caller when done.
func temporaryFolder(_ name: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("imaging-tests-\(name.filter(\.isLetter))-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A deterministic test image with every sample value different.
func gradientImage(width: Int, height: Int, channels: Int, levels: Int = 256) -> [Float] {
    (0..<(width * height * channels)).map { i in Float((i * 37 + i / 7) % levels) / Float(levels - 1) }
}
