import Foundation

/// `--scheduler local`: the manifest's tasks on this machine, at most `workers` at once, each as
/// `sweep run-task --manifest M --index I` (the same entry point as a Slurm array task), its output in
/// `<sweep folder>/logs/<index>-<key>.log`. Tasks start in manifest order; a failed task does not stop the others.
public enum LocalScheduler {
    public struct TaskResult: Sendable, Equatable {
        public let index: Int
        public let key: String
        public let status: Int32
        public let log: String
    }

    public static func run(manifest: SweepManifest, manifestPath: String, logDirectory: URL, workers: Int,
                           sweepExecutable: URL, say: @escaping @Sendable (String) -> Void) throws -> [TaskResult] {
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        let slots = DispatchSemaphore(value: workers)
        let group = DispatchGroup()
        let results = Results()
        for (index, task) in manifest.tasks.enumerated() {
            slots.wait()
            let log = logDirectory.appendingPathComponent("\(index)-\(task.key).log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: log) else {
                slots.signal()
                throw SweepError("cannot write the task log \(log.path)")
            }
            say("task \(index) of \(manifest.tasks.count) started: \(task.key) (log \(log.path))")
            group.enter()
            let process = Process()
            process.executableURL = sweepExecutable
            process.arguments = ["run-task", "--manifest", manifestPath, "--index", String(index)]
            process.standardOutput = handle
            process.standardError = handle
            process.terminationHandler = { finished in
                try? handle.close()
                let status = finished.terminationReason == .uncaughtSignal ? 128 + finished.terminationStatus : finished.terminationStatus
                results.append(TaskResult(index: index, key: task.key, status: status, log: log.path))
                say("task \(index) \(status == 0 ? "finished" : "FAILED (status \(status))"): \(task.key)")
                slots.signal()
                group.leave()
            }
            do { try process.run() } catch {
                try? handle.close()
                results.append(TaskResult(index: index, key: task.key, status: 127, log: log.path))
                say("task \(index) FAILED to start: \(error.localizedDescription)")
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.sorted()
    }

    /// Results gathered from termination handlers (other threads).
    final class Results: @unchecked Sendable {
        private var items: [TaskResult] = []
        private let lock = NSLock()
        func append(_ item: TaskResult) { lock.lock(); items.append(item); lock.unlock() }
        func sorted() -> [TaskResult] { lock.lock(); defer { lock.unlock() }; return items.sorted { $0.index < $1.index } }
    }
}
