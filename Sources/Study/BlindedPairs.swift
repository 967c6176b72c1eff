import Foundation
import TensorCore

/// A translation manifest and where it was read from (image paths resolve against its folder).
public struct LoadedManifest: Sendable {
    public let manifest: TranslationManifest
    public let url: URL

    public init(_ manifest: TranslationManifest, url: URL) {
        self.manifest = manifest
        self.url = url
    }

    public static func load(_ url: URL) throws -> LoadedManifest {
        LoadedManifest(try TranslationManifest.load(from: url), url: url)
    }

    func resolve(_ path: String) -> URL { TranslationManifest.resolve(path, relativeTo: url) }
}

/// One comparison of the study: the subject's (BiL-GAN's) and one opponent's output for the same input
/// and edit, with the side the subject is shown on. `blindID` is random hex, so nothing that reaches a
/// rater (URL, file name, page) carries a method name.
public struct StudyPair: Sendable, Equatable {
    public let blindID: String
    public let inputID: String
    public let edit: AttributeEdit
    public let subject: String
    public let opponent: String
    public let subjectOnLeft: Bool
    public let inputImage: URL
    public let subjectImage: URL
    public let opponentImage: URL
    public let groundTruthImage: URL?

    public var leftMethod: String { subjectOnLeft ? subject : opponent }
    public var rightMethod: String { subjectOnLeft ? opponent : subject }
    public var leftImage: URL { subjectOnLeft ? subjectImage : opponentImage }
    public var rightImage: URL { subjectOnLeft ? opponentImage : subjectImage }
}

/// Builds the comparison set as the paper does (`bilgan-method.md` "Evaluation protocol"): every
/// translated test image of the subject against the same input and edit of each baseline. The pair
/// order, the sides and the blinded ids all come from `seed` (RandomGenerator streams 1, 2 and 3), which
/// the plan logs, so the same manifests and seed give the same study.
public enum BlindedPairs {
    public static func make(subject: LoadedManifest, opponents: [LoadedManifest], seed: UInt64) throws -> [StudyPair] {
        guard !opponents.isEmpty else { throw StudyError.mismatchedManifests("a study needs at least one baseline manifest beside the subject") }
        let subjectMethod = subject.manifest.method
        var methods: Set<String> = [subjectMethod]
        for opponent in opponents {
            guard methods.insert(opponent.manifest.method).inserted else {
                throw StudyError.mismatchedManifests("\(opponent.url.path): method \(opponent.manifest.method) is given twice "
                    + "(each method, the subject included, appears once)")
            }
            guard opponent.manifest.dataset == subject.manifest.dataset else {
                throw StudyError.mismatchedManifests("\(opponent.url.path) translates dataset \(opponent.manifest.dataset), "
                    + "\(subject.url.path) translates \(subject.manifest.dataset)")
            }
        }
        let subjectItems = Dictionary(uniqueKeysWithValues: subject.manifest.items.map { ($0.key, $0) })
        var ordered = [(item: TranslationItem, opponent: LoadedManifest, opponentItem: TranslationItem)]()
        for opponent in opponents.sorted(by: { $0.manifest.method < $1.manifest.method }) {
            let opponentItems = Dictionary(uniqueKeysWithValues: opponent.manifest.items.map { ($0.key, $0) })
            let missing = Set(subjectItems.keys).symmetricDifference(opponentItems.keys).sorted()
            guard missing.isEmpty else {
                throw StudyError.mismatchedManifests("\(opponent.url.path) and \(subject.url.path) differ in \(missing.count) "
                    + "input/edit pairs (first: \(missing[0])); both must translate the same inputs to the same targets")
            }
            for key in subjectItems.keys.sorted() {
                ordered.append((subjectItems[key]!, opponent, opponentItems[key]!))
            }
        }
        var order = RandomGenerator(seed: seed, stream: 1)
        var sides = RandomGenerator(seed: seed, stream: 2)
        var ids = RandomGenerator(seed: seed, stream: 3)
        order.shuffle(&ordered)
        var used = Set<String>()
        return ordered.map { entry in
            var blindID: String
            repeat { blindID = String(format: "%012llx", ids.next() >> 16) } while !used.insert(blindID).inserted
            let groundTruth = entry.item.groundTruthImage.map(subject.resolve)
                ?? entry.opponentItem.groundTruthImage.map(entry.opponent.resolve)
            return StudyPair(blindID: blindID, inputID: entry.item.inputID, edit: entry.item.edit, subject: subjectMethod,
                             opponent: entry.opponent.manifest.method, subjectOnLeft: sides.next() & 1 == 0,
                             inputImage: subject.resolve(entry.item.inputImage), subjectImage: subject.resolve(entry.item.outputImage),
                             opponentImage: entry.opponent.resolve(entry.opponentItem.outputImage), groundTruthImage: groundTruth)
        }
    }
}
