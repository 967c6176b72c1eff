import Foundation

/// Listing image files below a folder, with the errors a user needs: the folder is missing, or it
/// holds no images.
enum ImageFolder {
    /// Paths (relative to `root`, sorted) of every .png / .jpg / .jpeg file below `root`, skipping
    /// the `uv/` folder of SynthFaces sets.
    static func imagePaths(below root: URL, what: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError(file: root.path, reason: "\(what) folder not found")
        }
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw DatasetError(file: root.path, reason: "cannot list the \(what) folder")
        }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            if path == "uv" || path.hasPrefix("uv/") { walker.skipDescendants(); continue }
            if ["png", "jpg", "jpeg"].contains((path as NSString).pathExtension.lowercased()) { paths.append(path) }
        }
        guard !paths.isEmpty else {
            throw DatasetError(file: root.path, reason: "no images (.png, .jpg) found in the \(what) folder")
        }
        return paths.sorted()
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
