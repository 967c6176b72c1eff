import Foundation

/// Float buffers for tensors and kernel scratch: 64-byte aligned (AVX-512 loads), with large
/// buffers recycled through a size-class cache.
///
/// Why a cache: glibc returns large blocks to the kernel on free and maps fresh zeroed pages on the
/// next malloc, so every op of a training step paid a page fault and a page clear per 4 KiB of its
/// output (5–7% of a StarGAN iteration in `perf`). Buffers of at least 256 KiB are kept in per-size
/// free lists (sizes rounded up to 1/8 of their power of two) up to `HARNESS_BUFFER_CACHE_MB`
/// (default 4096) in total; a miss first releases cached buffers of other sizes (`BufferCache.evict`),
/// so the cache does not raise the peak. Contents of a recycled buffer are undefined, like malloc's.
public enum Memory {
    public static let alignment = 64
    static let cache = BufferCache()

    public static func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
        let bytes = max(1, count) * MemoryLayout<Float>.stride
        let raw = cache.take(bytes) ?? UnsafeMutableRawPointer.allocate(byteCount: BufferCache.roundedSize(bytes),
                                                                         alignment: alignment)
        return raw.bindMemory(to: Float.self, capacity: max(1, count))
    }

    /// Returns a buffer from `allocateFloats(count)` (the same count).
    public static func deallocate(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let bytes = max(1, count) * MemoryLayout<Float>.stride
        if !cache.put(UnsafeMutableRawPointer(pointer), bytes) { UnsafeMutableRawPointer(pointer).deallocate() }
    }

    /// Bytes currently held by the cache (for diagnostics and tests).
    public static var cachedBytes: Int { cache.totalBytes }
}

/// The size-class free lists behind `Memory` (public so its policy is tested on its own instance).
public final class BufferCache: @unchecked Sendable {
    public static let minimumBytes = 256 * 1024
    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var bytes = 0
    private let limit: Int
    private let lock = NSLock()

    convenience init() {
        let mb = ProcessInfo.processInfo.environment["HARNESS_BUFFER_CACHE_MB"].flatMap(Int.init) ?? 4096
        self.init(limitBytes: max(0, mb) << 20)
    }

    /// A cache holding at most `limitBytes`; buffers it keeps must come from
    /// `UnsafeMutableRawPointer.allocate(byteCount: roundedSize(…), alignment: …)`.
    public init(limitBytes: Int) {
        limit = limitBytes
    }

    /// Size classes: below the threshold exact (not cached); above, rounded up to 1/8 of the power of two.
    public static func roundedSize(_ bytes: Int) -> Int {
        guard bytes >= minimumBytes else { return bytes }
        let top = Int.bitWidth - 1 - bytes.leadingZeroBitCount
        let step = 1 << max(0, top - 3)
        return (bytes + step - 1) / step * step
    }

    public var totalBytes: Int { lock.withLock { bytes } }

    /// A cached buffer of the request's size class, or nil: then the caller maps a fresh one, and
    /// cached buffers of other sizes holding at least as many bytes are released first (`evict`).
    public func take(_ request: Int) -> UnsafeMutableRawPointer? {
        guard request >= Self.minimumBytes else { return nil }
        let size = Self.roundedSize(request)
        var evicted: [UnsafeMutableRawPointer] = []
        let hit: UnsafeMutableRawPointer? = lock.withLock {
            if var list = free[size], let p = list.popLast() {
                free[size] = list
                bytes -= size
                return p
            }
            evicted = evict(atLeast: size)
            return nil
        }
        for p in evicted { p.deallocate() }
        return hit
    }

    /// Takes cached buffers totalling at least `needed` bytes out of the cache (the smallest size class
    /// that covers what is still needed, else the largest), for the caller to free. Why: a miss means
    /// fresh memory, and without this the buffers freed in one phase sat idle through the next — the
    /// critic step's through the generator step's peak, 0.6 GB of a 4.5 GB StarGAN iteration at
    /// batch 16, 128². With it, live + cached bytes grow only when live bytes do, so the cache adds
    /// (almost) nothing to the process's peak, and a loop that repeats its allocations still hits.
    private func evict(atLeast needed: Int) -> [UnsafeMutableRawPointer] {
        var out: [UnsafeMutableRawPointer] = []
        var freed = 0
        while freed < needed {
            let classes = free.keys.filter { !(free[$0]?.isEmpty ?? true) }
            guard let pick = classes.filter({ $0 >= needed - freed }).min() ?? classes.max() else { break }
            out.append(free[pick]!.removeLast())
            bytes -= pick
            freed += pick
        }
        return out
    }

    /// Keeps the buffer if it is large and the cache has room; false means the caller frees it.
    public func put(_ p: UnsafeMutableRawPointer, _ request: Int) -> Bool {
        guard request >= Self.minimumBytes else { return false }
        let size = Self.roundedSize(request)
        return lock.withLock {
            guard bytes + size <= limit else { return false }
            free[size, default: []].append(p)
            bytes += size
            return true
        }
    }
}

/// Kernel scratch memory from the buffer cache, released at the end of a scope.
public struct ScratchBuffer {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    public init(count: Int) {
        self.count = count
        pointer = Memory.allocateFloats(count)
    }
    public func release() { Memory.deallocate(pointer, count: count) }
}
