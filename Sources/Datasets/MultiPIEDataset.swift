import Foundation

/// Multi-PIE multiview data: `sessionNN/multiview/SSS/RR/CC_C/SSS_NN_RR_CCC_II.png` below `root`
/// (or below `root/data`). Reads the real tree and the SynthFaces Multi-PIE-like set.
public struct MultiPIEDataset: Sendable {
    public struct Entry: Sendable, Equatable {
        public let relativePath: String
        public let name: MultiPIEName
    }

    public let root: URL
    public let entries: [Entry]

    /// One recording (subject, session, recording) that lacks some of the 13 eye-level camera folders.
    public struct IncompleteRecording: Sendable, Equatable, CustomStringConvertible {
        /// `sessionNN/multiview/SSS/RR`, below `root`.
        public let folder: String
        public let missingCameras: [String]
        public init(folder: String, missingCameras: [String]) {
            self.folder = folder
            self.missingCameras = missingCameras
        }

        public var description: String { "\(folder): no images for camera(s) \(missingCameras.joined(separator: ", "))" }
    }

    /// Recordings without some eye-level cameras; their other views are still entries. Multi-PIE
    /// records every camera, so on the real set this lists what was lost in copying.
    public var incompleteRecordings: [IncompleteRecording] {
        var cameras: [String: Set<String>] = [:]
        for entry in entries {
            let n = entry.name
            let folder = "session\(String(n.session).leftPadded(to: 2))/multiview/\(String(n.subject).leftPadded(to: 3))/\(String(n.recording).leftPadded(to: 2))"
            cameras[folder, default: []].insert(n.camera)
        }
        return cameras.keys.sorted().compactMap { folder in
            let missing = MultiPIECamera.all.map(\.name).filter { !cameras[folder]!.contains($0) }
            return missing.isEmpty ? nil : IncompleteRecording(folder: folder, missingCameras: missing)
        }
    }

    /// Opens the tree. With `requireAllCameras` (the default) a recording that lacks an eye-level
    /// camera folder is an error naming it: a missing pose would otherwise shrink that domain silently.
    /// Pass false for partial copies, and report `incompleteRecordings` as what was dropped.
    public static func open(_ root: URL, requireAllCameras: Bool = true) throws -> MultiPIEDataset {
        let data = try open(scanning: root)
        if requireAllCameras, let first = data.incompleteRecordings.first {
            let count = data.incompleteRecordings.count
            throw DatasetError(file: data.root.appendingPathComponent(first.folder).path,
                               reason: "no images for camera(s) \(first.missingCameras.joined(separator: ", "))"
                                   + (count > 1 ? " (and \(count - 1) more incomplete recording(s))" : "")
                                   + "; every recording needs the 13 eye-level cameras (open with requireAllCameras: false to use a partial copy)")
        }
        return data
    }

    static func open(scanning root: URL) throws -> MultiPIEDataset {
        let base = ImageFolder.isDirectory(root.appendingPathComponent("data")) ? root.appendingPathComponent("data") : root
        let sessions = ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [])
            .filter { $0.hasPrefix("session") }.sorted()
        guard !sessions.isEmpty else {
            throw DatasetError(file: base.path, reason: "no sessionNN folders (expected sessionNN/multiview/SSS/RR/CC_C/…)")
        }
        var entries: [Entry] = []
        for session in sessions {
            let multiview = base.appendingPathComponent(session).appendingPathComponent("multiview")
            guard ImageFolder.isDirectory(multiview) else { continue }
            for path in try ImageFolder.imagePaths(below: multiview, what: "Multi-PIE \(session)/multiview") {
                let relative = "\(session)/multiview/\(path)"
                let name: MultiPIEName
                do throws(NameError) {
                    name = try MultiPIEName.parse(relative)
                } catch {
                    throw DatasetError(file: base.appendingPathComponent(relative).path, reason: "not a Multi-PIE file name: \(error.reason)")
                }
                guard relative == name.relativePath else {
                    throw DatasetError(file: base.appendingPathComponent(relative).path,
                                       reason: "file is not where its name puts it (expected \(name.relativePath))")
                }
                entries.append(Entry(relativePath: relative, name: name))
            }
        }
        guard !entries.isEmpty else { throw DatasetError(file: base.path, reason: "no multiview images found") }
        return MultiPIEDataset(root: base, entries: entries)
    }

    /// Multi-PIE Setting 2 (`bilgan-method.md`): neutral recordings, the 13 horizontal cameras,
    /// subjects 001–200 train and the rest test.
    public func settingTwo() -> (train: [Entry], test: [Entry]) {
        let usable = entries.filter { $0.name.isNeutral && $0.name.yaw != nil }
        return (usable.filter { $0.name.subject <= 200 }, usable.filter { $0.name.subject > 200 })
    }

    /// Samples labelled one-hot by pose (camera), with the subject as identity.
    public func samples(_ selected: [Entry]? = nil) -> [LabelledImage] {
        let domains = DomainSelection.multiPIEPoses
        return (selected ?? entries).filter { $0.name.yaw != nil }.map { entry in
            LabelledImage(image: root.appendingPathComponent(entry.relativePath), labels: domains.oneHot(entry.name.camera),
                          uvField: UVFieldLocation.existing(forImageAt: entry.relativePath, root: root),
                          identity: String(entry.name.subject),
                          pairKey: "\(entry.name.subject)/\(entry.name.session)/\(entry.name.recording)/\(entry.name.illumination)")
        }
    }

    /// The gallery image of a subject in the rank-1 protocol: frontal camera 05_1, illumination 06,
    /// first neutral session that has it (`evaluators.md` §3.3).
    public func galleryEntry(subject: Int) -> Entry? {
        entries.filter { $0.name.subject == subject && $0.name.camera == "05_1" && $0.name.illumination == 6 && $0.name.isNeutral }
            .min { ($0.name.session, $0.name.recording) < ($1.name.session, $1.name.recording) }
    }
}
