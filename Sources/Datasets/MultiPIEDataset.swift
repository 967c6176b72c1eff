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

    public static func open(_ root: URL) throws -> MultiPIEDataset {
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
                          identity: String(entry.name.subject))
        }
    }

    /// The gallery image of a subject in the rank-1 protocol: frontal camera 05_1, illumination 06,
    /// first neutral session that has it (`evaluators.md` §3.3).
    public func galleryEntry(subject: Int) -> Entry? {
        entries.filter { $0.name.subject == subject && $0.name.camera == "05_1" && $0.name.illumination == 6 && $0.name.isNeutral }
            .min { ($0.name.session, $0.name.recording) < ($1.name.session, $1.name.recording) }
    }
}
