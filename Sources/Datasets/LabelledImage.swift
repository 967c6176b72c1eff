import Foundation

/// One training or test example: where its image is, its domain label vector, and what else the
/// dataset knows about it.
public struct LabelledImage: Sendable, Equatable {
    public let image: URL
    /// Domain labels in {0, 1} (multi-hot over the selected attributes, one-hot inside a group).
    public let labels: [Float]
    /// A SynthFaces UV field (16-bit PNG, see `UVFieldFile`), when the dataset has one.
    public let uvField: URL?
    /// Subject or identity id when the dataset has one ("" otherwise): used for identity-disjoint
    /// splits and for training face recognisers.
    public let identity: String
    /// Samples with the same non-empty key show the same subject in the same photo set-up and differ
    /// only in their domain (RaFD: model, camera and gaze; Multi-PIE: subject, session, recording and
    /// illumination), so one is the paired ground truth of another's translation (`PairedTargets`).
    public let pairKey: String

    public init(image: URL, labels: [Float], uvField: URL? = nil, identity: String = "", pairKey: String = "") {
        self.image = image
        self.labels = labels
        self.uvField = uvField
        self.identity = identity
        self.pairKey = pairKey
    }
}

/// Where SynthFaces keeps the UV field of an image: `uv/<path of the image>` with a `.png`
/// extension, below the dataset root.
public enum UVFieldLocation {
    public static func url(forImageAt relativePath: String, root: URL) -> URL {
        let stem = (relativePath as NSString).deletingPathExtension
        return root.appendingPathComponent("uv").appendingPathComponent(stem + ".png")
    }

    /// The UV field of an image when the file exists.
    static func existing(forImageAt relativePath: String, root: URL) -> URL? {
        let url = url(forImageAt: relativePath, root: root)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
