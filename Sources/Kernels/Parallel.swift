import Dispatch
import Foundation

/// Two-way (or N-way) data parallelism for the kernels.
///
/// Why our own and not OpenBLAS threads: on this class of machine one single-threaded sgemm per core,
/// each on its own image of the batch, reaches ~95% of peak, while one two-threaded sgemm on a
/// mid-sized convolution matrix reaches ~80%. So the kernels split work across cores themselves and
/// call BLAS single-threaded. Chunking is static (a pure function of the problem size and the worker
/// count), so results are bit-identical from run to run.
public enum Parallel {
    /// Number of workers; defaults to the active processor count, overridable with `HARNESS_THREADS`.
    public static let workerCount: Int = {
        if let text = ProcessInfo.processInfo.environment["HARNESS_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Runs `body(chunk)` for `count` items split into at most `workerCount` contiguous chunks.
    /// Work below `minimumPerWorker` items per worker runs inline on the calling thread.
    @inlinable
    public static func forEachChunk(_ count: Int, minimumPerWorker: Int = 1,
                                    _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let workers = min(workerCount, max(1, count / max(1, minimumPerWorker)))
        if workers <= 1 {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { escaping in
            let task = UncheckedSendable(escaping)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = count * w / workers
                let hi = count * (w + 1) / workers
                if lo < hi { task.value(lo..<hi) }
            }
        }
    }

    /// Runs `body(i)` for every index, in contiguous chunks per worker.
    @inlinable
    public static func forEach(_ count: Int, minimumPerWorker: Int = 1, _ body: (Int) -> Void) {
        forEachChunk(count, minimumPerWorker: minimumPerWorker) { range in
            for i in range { body(i) }
        }
    }

    /// Runs `body(worker, range)` so that each worker can own scratch memory (im2col buffers,
    /// partial weight gradients) indexed by `worker`; returns the number of workers used.
    @discardableResult
    @inlinable
    public static func forEachWorker(_ count: Int, minimumPerWorker: Int = 1,
                                     _ body: (Int, Range<Int>) -> Void) -> Int {
        guard count > 0 else { return 0 }
        let workers = min(workerCount, max(1, count / max(1, minimumPerWorker)))
        if workers <= 1 {
            body(0, 0..<count)
            return 1
        }
        withoutActuallyEscaping(body) { escaping in
            let task = UncheckedSendable(escaping)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lo = count * w / workers
                let hi = count * (w + 1) / workers
                if lo < hi { task.value(w, lo..<hi) }
            }
        }
        return workers
    }

    /// Number of workers `forEachWorker` will use for `count` items.
    @inlinable
    public static func workers(for count: Int, minimumPerWorker: Int = 1) -> Int {
        min(workerCount, max(1, count / max(1, minimumPerWorker)))
    }
}

/// Carries a value across the `@Sendable` boundary of `concurrentPerform`. The kernels guarantee
/// that workers touch disjoint memory, which the compiler cannot see through raw pointers.
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    @inlinable public init(_ value: Value) { self.value = value }
}

/// Splits each of `batch` images into bands of at most `rows` rows (fewer when there are fewer images
/// than workers, so that one large image still keeps every worker busy): the blocking shared by the
/// im2col and Winograd convolution routes.
public enum RowBands {
    public static func split(batch: Int, rows total: Int, maximumRows: Int) -> [(image: Int, start: Int, end: Int)] {
        var rows = max(1, min(total, maximumRows))
        if batch < Parallel.workerCount { rows = min(rows, (total + Parallel.workerCount - 1) / Parallel.workerCount) }
        var out: [(image: Int, start: Int, end: Int)] = []
        for b in 0..<batch {
            var r = 0
            while r < total {
                out.append((b, r, min(total, r + rows)))
                r += rows
            }
        }
        return out
    }
}
