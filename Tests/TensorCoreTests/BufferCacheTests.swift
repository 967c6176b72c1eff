import Kernels
import Testing

/// The buffer cache's policy on its own instance (the process-wide one is shared by parallel tests):
/// hits by size class, and a miss releases cached buffers of other sizes first, so that cached
/// bytes never sit on top of a new peak.
struct BufferCacheTests {
    static func buffer(_ bytes: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: BufferCache.roundedSize(bytes), alignment: Memory.alignment)
    }

    @Test func sizeClassesRoundUpToAnEighthOfThePowerOfTwo() {
        #expect(BufferCache.roundedSize(1000) == 1000)                       // below 256 KiB: exact
        #expect(BufferCache.roundedSize(1 << 20) == 1 << 20)
        #expect(BufferCache.roundedSize((1 << 20) + 1) == (1 << 20) + (1 << 17))
        #expect(BufferCache.roundedSize(3 << 20) == 3 << 20)
    }

    @Test func aHitReturnsTheCachedBufferOfTheSameClass() {
        let cache = BufferCache(limitBytes: 1 << 30)
        let p = Self.buffer(1 << 20)
        #expect(cache.put(p, 1 << 20))
        #expect(cache.totalBytes == 1 << 20)
        #expect(cache.take((1 << 20) - 100) == p)   // same class
        #expect(cache.totalBytes == 0)
        p.deallocate()
    }

    @Test func aMissReleasesAtLeastTheRequestFromOtherClasses() {
        let cache = BufferCache(limitBytes: 1 << 30)
        let small = Self.buffer(1 << 20), large = Self.buffer(3 << 20), other = Self.buffer(5 << 20)
        #expect(cache.put(small, 1 << 20) && cache.put(large, 3 << 20) && cache.put(other, 5 << 20))
        #expect(cache.totalBytes == 9 << 20)
        // 2 MiB: no buffer of its class; the smallest class covering it (3 MiB) is released.
        #expect(cache.take(2 << 20) == nil)
        #expect(cache.totalBytes == 6 << 20)
        // 8 MiB: no single class covers it; the largest (5 MiB) then the rest (1 MiB) are released.
        #expect(cache.take(8 << 20) == nil)
        #expect(cache.totalBytes == 0)
        #expect(cache.take(1 << 20) == nil)          // empty: nothing to release, no crash
    }

    @Test func smallBuffersAndAFullCacheAreLeftToTheCaller() {
        let cache = BufferCache(limitBytes: 2 << 20)
        let tiny = Self.buffer(1000), p = Self.buffer(1 << 20), q = Self.buffer(3 << 20)
        #expect(!cache.put(tiny, 1000))
        #expect(cache.put(p, 1 << 20))
        #expect(!cache.put(q, 3 << 20))             // over the limit
        #expect(cache.totalBytes == 1 << 20)
        tiny.deallocate(); q.deallocate()
        #expect(cache.take(1 << 20) == p)
        p.deallocate()
    }
}
