import Foundation

/// RaFD-format data: image files named as RaFD names them, in one folder or in StarGAN's
/// `<split>/<expression>/` folders (the name alone carries the labels). Reads the real RaFD and
/// the SynthFaces RaFD-like set.
public struct RaFDDataset: Sendable {
    public struct Entry: Sendable, Equatable {
        public let relativePath: String
        public let name: RaFDName
    }

    public let root: URL
    public let entries: [Entry]

    public static func open(_ root: URL) throws -> RaFDDataset {
        let paths = try ImageFolder.imagePaths(below: root, what: "RaFD")
        var pathOfName: [RaFDName: String] = [:]
        let entries = try paths.map { path in
            let name: RaFDName
            do throws(NameError) {
                name = try RaFDName.parse(path)
            } catch {
                throw DatasetError(file: root.appendingPathComponent(path).path, reason: "not a RaFD file name: \(error.reason)")
            }
            // The name carries every label, so a copy in another folder or as .png beside .jpg would
            // count one photograph twice.
            if let first = pathOfName[name] {
                throw DatasetError(file: root.appendingPathComponent(path).path,
                                   reason: "the same RaFD photograph as \(first) (a copy in another folder or format); keep one")
            }
            pathOfName[name] = path
            return Entry(relativePath: path, name: name)
        }
        return RaFDDataset(root: root, entries: entries)
    }

    /// Samples labelled one-hot by expression, optionally restricted to some camera angles (the
    /// paper's facial animation uses the frontal camera, 090).
    public func samples(cameraAngles: Set<Int>? = nil) -> [LabelledImage] {
        let domains = DomainSelection.rafdExpressions
        return entries.filter { cameraAngles?.contains($0.name.cameraAngle) ?? true }.map { entry in
            LabelledImage(image: root.appendingPathComponent(entry.relativePath),
                          labels: domains.oneHot(entry.name.expression.rawValue),
                          uvField: UVFieldLocation.existing(forImageAt: entry.relativePath, root: root),
                          identity: String(entry.name.identity),
                          pairKey: "\(entry.name.identity)/\(entry.name.cameraAngle)/\(entry.name.gaze.rawValue)")
        }
    }
}
