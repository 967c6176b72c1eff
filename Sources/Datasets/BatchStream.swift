import Foundation

/// The batches of one epoch, in plan order. A background thread fills a bounded queue of at most
/// `depth` ready batches; `next()` hands them out in order and rethrows a loading error (naming the
/// file) at the batch where it happened, after which the stream ends. Dropping a stream stops its
/// thread.
public final class BatchStream: @unchecked Sendable {
    private let loader: BatchLoader
    private let plan: [BatchLoader.Plan]
    private let queue: PrefetchQueue
    private var nextToHand = 0
    private var started = false

    init(loader: BatchLoader, plan: [BatchLoader.Plan], depth: Int) {
        self.loader = loader
        self.plan = plan
        self.queue = PrefetchQueue(depth: depth)
    }

    deinit { queue.cancel() }

    public var count: Int { plan.count }

    /// The next batch, or nil at the end of the epoch.
    public func next() throws -> Batch? {
        guard nextToHand < plan.count else { return nil }
        let k = nextToHand
        nextToHand += 1
        let result: Result<Batch, Error>
        if queue.depth <= 0 {
            result = Result { try loader.assemble(plan[k]) }
        } else {
            startIfNeeded()
            result = queue.take(k)
        }
        if case .failure = result { nextToHand = plan.count; queue.cancel() }
        return try result.get()
    }

    private func startIfNeeded() {
        guard !started else { return }
        started = true
        let (loader, plan, queue) = (self.loader, self.plan, self.queue)
        let thread = Thread {
            for (k, step) in plan.enumerated() {
                guard queue.waitForRoom(k) else { return }
                let result = Result { try loader.assemble(step) }
                queue.put(k, result)
                if case .failure = result { return }
            }
        }
        thread.name = "BatchStream prefetch"
        thread.start()
    }
}

/// The bounded hand-over between the prefetch thread and the consumer.
final class PrefetchQueue: @unchecked Sendable {
    let depth: Int
    private let condition = NSCondition()
    private var ready: [Int: Result<Batch, Error>] = [:]
    private var taken = 0
    private var cancelled = false

    init(depth: Int) { self.depth = depth }

    /// Blocks until batch k may be prepared (fewer than `depth` batches ahead); false once cancelled.
    func waitForRoom(_ k: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while !cancelled && k - taken >= depth { condition.wait() }
        return !cancelled
    }

    func put(_ k: Int, _ result: Result<Batch, Error>) {
        condition.lock(); defer { condition.unlock() }
        ready[k] = result
        condition.broadcast()
    }

    func take(_ k: Int) -> Result<Batch, Error> {
        condition.lock(); defer { condition.unlock() }
        while ready[k] == nil { condition.wait() }
        taken = k + 1
        condition.broadcast()
        return ready.removeValue(forKey: k)!
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
