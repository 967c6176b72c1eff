import Foundation
import Imaging

/// One unit of generation work: renders some faces and writes each to its image path (and UV path).
struct RenderJob: Sendable {
    let images: [URL]
    let uvFields: [URL?]
    /// Side of every image and UV field the job writes.
    let size: Int
    let render: @Sendable () -> [RenderedFace]

    /// True when every file decodes as a PNG of the job's size. Existence is not enough: a file
    /// truncated by a full disk or a copy (even to zero bytes) would otherwise be kept by a resume.
    var isComplete: Bool {
        images.allSatisfy { Self.isIntact($0, size: size) } && uvFields.allSatisfy { $0.map { Self.isIntact($0, size: size) } ?? true }
    }

    static func isIntact(_ url: URL, size: Int) -> Bool {
        guard let image = try? PNG.read(url) else { return false }
        return image.width == size && image.height == size
    }
}

/// Runs jobs on `threads` worker threads pulling from a shared counter. Each job's output depends
/// only on its own seeds, so the order in which threads take jobs does not change any file. Files
/// are written atomically; jobs whose files all exist and decode are skipped (resuming an interrupted
/// run), any other job is rendered again.
enum RenderJobRunner {
    static func run(_ jobs: [RenderJob], threads: Int, label: String, showProgress: Bool) throws {
        let progress = ProgressBar(total: jobs.reduce(0) { $0 + $1.images.count }, label: label, enabled: showProgress)
        let state = RunnerState()
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, threads)) { _ in
            while let index = state.nextIndex(below: jobs.count) {
                let job = jobs[index]
                if job.isComplete {
                    progress.advance(job.images.count, skipped: true)
                    continue
                }
                do {
                    let faces = job.render()
                    for (k, face) in faces.enumerated() {
                        // UV first: an image on disk then implies its UV field is complete too.
                        if let uv = job.uvFields[k] { try face.uvField.write(to: uv) }
                        try PNG.write(face.image, to: job.images[k], compressionLevel: 3)
                    }
                    progress.advance(job.images.count)
                } catch {
                    state.fail(error)
                }
            }
        }
        if let error = state.error { throw error }
    }
}

private final class RunnerState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private(set) var error: Error?

    func nextIndex(below count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, next < count else { return nil }
        next += 1
        return next - 1
    }

    func fail(_ error: Error) {
        lock.lock(); defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}
