import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file, held while `body` runs. Tasks of one sweep share a few outputs that
/// are not per run (BiL-GAN's auxiliary run of a seed, the evaluators of a dataset); the lock makes the
/// second task wait and then find them done instead of writing the same files at once. The kernel drops
/// the lock when the holder dies, so a killed task never blocks the others.
enum FileLock {
    static func withLock<T>(_ path: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path.path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw SweepError("cannot create the lock file \(path.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SweepError("cannot lock \(path.path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
