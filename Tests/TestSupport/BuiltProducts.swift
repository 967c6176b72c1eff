import Foundation

/// The executables `swift build` / `swift test` put beside the test binary, for tests that run the real
/// commands as processes (store writers, CLI rejections, training resume, kernel selection).
public enum BuiltProducts {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// The product `name`, or the path in the environment variable `overrideVariable` when it is set.
    public static func executable(_ name: String, overrideVariable: String? = nil) throws -> URL {
        if let overrideVariable, let path = ProcessInfo.processInfo.environment[overrideVariable] {
            return URL(fileURLWithPath: path)
        }
        var folders = [URL]()
        if FileManager.default.fileExists(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Missing(description: "the \(name) executable is not next to the test binary (looked in "
            + "\(folders.map(\.path).joined(separator: ", "))); build it with `swift build -c release --product \(name)`"
            + (overrideVariable.map { " or set \($0)" } ?? ""))
    }
}
