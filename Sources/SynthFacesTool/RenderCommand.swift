import ArgumentParser
import CommandLineSupport
import Foundation
import Imaging
import SynthFaces

/// Ground-truth translations: the scene of a generated CelebA-HQ-like image, re-rendered with
/// attributes changed.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render CelebA-HQ-like image k of a seed, and its ground-truth translation with attributes changed.",
        discussion: "Example: synthfaces render --index 12 --change Blond_Hair=1 --change Young=-1 --output /tmp/gt. "
            + "Writes input.png, target.png and their UV fields (input-uv.png, target-uv.png).")

    @Option(help: "Folder to write into.")
    var output = "."
    @Option(help: "A generated SynthFaces folder: its synthfaces.json gives the seed and set configuration.")
    var dataset: String?
    @Option(help: "Seed of the generated set, when no --dataset is given.")
    var seed: UInt64 = GenerationConfiguration.embeddedDefault.seed
    /// Documented ranges of the numeric flags (`generate`'s largest set and its resolutions).
    enum Limits {
        static let index = 0...999_999
        static let size = GenerationLimits.size
    }

    @Option(help: "Image index in the CelebA-HQ-like set (\(FlagValidation.describe(Limits.index))).")
    var index = 0
    @Option(help: "Resolution in pixels (default: the set's; \(FlagValidation.describe(Limits.size))).")
    var size: Int?
    @Option(help: "An attribute change NAME=1 or NAME=-1 with a CelebA attribute name; repeatable.")
    var change: [String] = []

    func validate() throws {
        try FlagValidation.require(index, in: Limits.index, flag: "--index")
        try FlagValidation.require(size, in: Limits.size, flag: "--size")
        _ = try changes()
    }

    func changes() throws -> [String: Bool] {
        var out: [String: Bool] = [:]
        for item in change {
            let parts = item.split(separator: "=")
            guard parts.count == 2, ["1", "-1"].contains(parts[1]) else {
                throw ValidationError("--change expects NAME=1 or NAME=-1, got \"\(item)\"")
            }
            out[String(parts[0])] = parts[1] == "1"
        }
        return out
    }

    func run() throws {
        var configuration = GenerationConfiguration.embeddedDefault
        configuration.seed = seed
        if let dataset {
            guard let saved = SynthFacesGenerator.savedConfiguration(in: URL(fileURLWithPath: dataset)) else {
                throw ValidationError("\(dataset)/synthfaces.json is missing or unreadable (is it a finished `synthfaces generate` output?)")
            }
            // The file may have been edited by hand.
            if let problem = saved.limitViolation { throw ValidationError("\(dataset)/synthfaces.json: \(problem)") }
            configuration = saved
        }
        let size = self.size ?? configuration.celebAHQ.size
        let scene = SceneSampler(configuration: configuration).celebAHQScene(index)
        let target: FaceScene
        do { target = try scene.with(try changes()) } catch let error as AttributeNameError { throw ValidationError(error.description) }
        let folder = URL(fileURLWithPath: output)
        for (name, s) in [("input", scene), ("target", target)] {
            let face = FaceRenderer.render(s, size: size)
            try PNG.write(face.image, to: folder.appendingPathComponent("\(name).png"))
            try face.uvField.write(to: folder.appendingPathComponent("\(name)-uv.png"))
        }
        print("synthfaces: wrote input.png and target.png (and UV fields) to \(output)")
    }
}
