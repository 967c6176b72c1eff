import Foundation

/// The process's resident set size, read from `/proc/self/status` (`VmRSS`), for tests that bound
/// memory growth across training steps (a leak shows as growth per step, which no wait can hide).
public enum ResidentMemory {
    /// Resident bytes now, or nil where `/proc` is not available (macOS).
    public static func bytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
