/// Aligned Float buffers for tensor storage (64-byte alignment for AVX-512 loads).
public enum Memory {
    public static let alignment = 64

    public static func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride,
                                                   alignment: alignment)
        return raw.bindMemory(to: Float.self, capacity: max(1, count))
    }

    public static func deallocate(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
