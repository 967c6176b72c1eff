import Datasets
import Foundation
import Imaging

/// The three SynthFaces sets in their real datasets' layouts (`docs/synthfaces.md`):
/// - `celebahq/`: `CelebA-HQ-img/k.png`, `CelebAMask-HQ-attribute-anno.txt`,
///   `CelebA-HQ-to-CelebA-mapping.txt`, `list_attr_celeba.txt`, `identities.txt`,
///   `train.txt`, `test.txt`, `uv/CelebA-HQ-img/k.png`;
/// - `rafd/`: `Rafd090_01_Caucasian_female_angry_frontal.png` …, `train.txt`, `test.txt`, `uv/…`;
/// - `multipie/`: `sessionNN/multiview/SSS/RR/CC_C/SSS_NN_RR_CCC_II.png`, Setting 2 `train.txt`
///   and `test.txt`, `uv/…`.
/// Annotations are written first (they need no rendering), then images; a finished run leaves
/// `synthfaces.json` (the configuration) as its completion mark.
public struct SynthFacesGenerator: Sendable {
    public enum SetName: String, CaseIterable, Codable, Sendable { case celebahq, rafd, multipie }

    public let configuration: GenerationConfiguration
    public let root: URL
    public let sampler: SceneSampler

    public init(configuration: GenerationConfiguration, root: URL) {
        self.configuration = configuration
        self.root = root
        self.sampler = SceneSampler(configuration: configuration)
    }

    public var completionMark: URL { root.appendingPathComponent("synthfaces.json") }

    /// Bumped whenever the renderer's output changes, so that a finished run of an older renderer
    /// is not taken as complete.
    public static let rendererVersion = 4

    struct CompletionMark: Codable {
        var rendererVersion: Int
        var configuration: GenerationConfiguration
    }

    /// The configuration of a finished run in `root`, if any (any renderer version).
    public static func savedConfiguration(in root: URL) -> GenerationConfiguration? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("synthfaces.json")) else { return nil }
        return (try? JSONDecoder().decode(CompletionMark.self, from: data))?.configuration
    }

    /// True when a previous run with the same configuration and renderer finished.
    public var isComplete: Bool {
        guard let data = try? Data(contentsOf: completionMark),
              let saved = try? JSONDecoder().decode(CompletionMark.self, from: data) else { return false }
        return saved.configuration == configuration && saved.rendererVersion == Self.rendererVersion
    }

    public func generate(sets: [SetName] = SetName.allCases, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                         showProgress: Bool = true) throws {
        if let problem = configuration.limitViolation {
            throw DatasetError(file: root.path, reason: "cannot generate: the configuration's \(problem)")
        }
        try? FileManager.default.removeItem(at: completionMark)
        for set in sets {
            switch set {
            case .celebahq: try RenderJobRunner.run(try celebAHQ(), threads: threads, label: "celebahq", showProgress: showProgress)
            case .rafd: try RenderJobRunner.run(try rafd(), threads: threads, label: "rafd    ", showProgress: showProgress)
            case .multipie: try RenderJobRunner.run(try multiPIE(), threads: threads, label: "multipie", showProgress: showProgress)
            }
        }
        if Set(sets) == Set(SetName.allCases) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try write(encoder.encode(CompletionMark(rendererVersion: Self.rendererVersion, configuration: configuration)), to: completionMark)
        }
    }

    // MARK: CelebA-HQ-like

    func celebAHQ() throws -> [RenderJob] {
        let c = configuration.celebAHQ
        let base = root.appendingPathComponent("celebahq")
        let names = (0..<c.count).map { "\($0).png" }
        let scenes = (0..<c.count).map(sampler.celebAHQScene)
        let rows = zip(names, scenes).map { ($0, $1.attributes.celebALabels) }
        try write(AttributeTable.format(names: CelebAAttributes.names, rows: rows.map { (file: $0.0, values: $0.1) }),
                  to: base.appendingPathComponent(CelebADataset.hqAnnotationFile))
        let originals = (0..<c.count).map { String($0 + 1).leftPadded(6) + ".png" }
        try write(CelebAHQMapping.format((0..<c.count).map { .init(index: $0, originalIndex: $0, originalFile: originals[$0]) }),
                  to: base.appendingPathComponent(CelebADataset.hqMappingFile))
        try write(AttributeTable.format(names: CelebAAttributes.names, rows: zip(originals, rows).map { (file: $0.0, values: $0.1.1) }),
                  to: base.appendingPathComponent(CelebADataset.celebAAnnotationFile))
        try write((0..<c.count).map { "\(names[$0]) \(sampler.celebAHQIdentityIndex(ofImage: $0))\n" }.joined(),
                  to: base.appendingPathComponent("identities.txt"))
        let testStart = c.count - Swift.min(c.testCount, c.count)
        let boundary = (testStart / c.imagesPerIdentity) * c.imagesPerIdentity
        try SplitFile.write(Array(names[..<boundary]).map { "CelebA-HQ-img/" + $0 }, to: base.appendingPathComponent("train.txt"))
        try SplitFile.write(Array(names[boundary...]).map { "CelebA-HQ-img/" + $0 }, to: base.appendingPathComponent("test.txt"))
        return (0..<c.count).map { k in
            let relative = "CelebA-HQ-img/" + names[k]
            let scene = scenes[k], size = c.size
            return RenderJob(images: [base.appendingPathComponent(relative)], uvFields: [uvURL(relative, base)], size: size) {
                [FaceRenderer.render(scene, size: size)]
            }
        }
    }

    // MARK: RaFD-like

    func rafd() throws -> [RenderJob] {
        let c = configuration.rafd
        let base = root.appendingPathComponent("rafd")
        var jobs: [RenderJob] = [], train: [String] = [], test: [String] = []
        for r in 1...c.identities {
            let (person, ethnicity) = sampler.rafdIdentity(r)
            for angle in c.cameraAngles {
                var names: [String] = [], scenes: [FaceScene] = []
                for expression in RaFDExpression.allCases {
                    for gaze in RaFDGaze.allCases {
                        let name = RaFDName(cameraAngle: angle, identity: r, ethnicity: ethnicity, gender: person.male ? "male" : "female",
                                            expression: expression, gaze: gaze).fileName(extension: "png")
                        names.append(name)
                        scenes.append(sampler.rafdScene(identity: r, expression: expression, gaze: gaze,
                                                        cameraAngle: angle))
                        if r > c.identities - c.testIdentities { test.append(name) } else { train.append(name) }
                    }
                }
                let size = c.size, views = scenes
                jobs.append(RenderJob(images: names.map { base.appendingPathComponent($0) }, uvFields: names.map { uvURL($0, base) }, size: size) {
                    views.map { FaceRenderer.render($0, size: size) }
                })
            }
        }
        try SplitFile.write(train, to: base.appendingPathComponent("train.txt"))
        try SplitFile.write(test, to: base.appendingPathComponent("test.txt"))
        return jobs
    }

    // MARK: Multi-PIE-like

    func multiPIE() throws -> [RenderJob] {
        let c = configuration.multiPIE
        let base = root.appendingPathComponent("multipie")
        var jobs: [RenderJob] = [], train: [String] = [], test: [String] = []
        for s in 1...c.subjects {
            for session in c.sessions {
                let scene = sampler.multiPIEScene(subject: s, session: session)
                let cameras = MultiPIECamera.all
                var paths: [String] = []
                for camera in cameras {
                    for illumination in c.illuminations {
                        let path = MultiPIEName(subject: s, session: session, recording: 1, camera: camera.name,
                                                illumination: illumination).relativePath
                        paths.append(path)
                        if s <= 200 { train.append(path) } else { test.append(path) }
                    }
                }
                let size = c.size, illuminations = c.illuminations
                jobs.append(RenderJob(images: paths.map { base.appendingPathComponent($0) }, uvFields: paths.map { uvURL($0, base) }, size: size) {
                    FaceRenderer.renderViews(scene, yaws: cameras.map { Float($0.yaw) }, illuminations: illuminations, size: size)
                        .flatMap { $0 }
                })
            }
        }
        try SplitFile.write(train, to: base.appendingPathComponent("train.txt"))
        try SplitFile.write(test, to: base.appendingPathComponent("test.txt"))
        return jobs
    }

    // MARK: Files

    private func uvURL(_ relative: String, _ base: URL) -> URL? {
        configuration.writeUVFields ? UVFieldLocation.url(forImageAt: relative, root: base) : nil
    }

    private func write(_ text: String, to url: URL) throws { try FileBytes.write(Data(text.utf8), to: url) }

    private func write(_ data: Data, to url: URL) throws { try FileBytes.write(data, to: url) }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
