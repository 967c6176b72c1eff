import Experiments
import CycleGAN
import Foundation
import TestSupport
import IcGAN
import StarGAN
import TensorCore
import Testing
import Training

/// The profile files: every method they name decodes completely, and the paper profile builds the
/// published networks (parameter counts of `baselines.md` §7).
@Suite struct ProfileTests {
    @Test(arguments: ["smoke", "default", "paper"])
    func profileDecodesForEveryMethod(name: String) throws {
        let profile = try Profile.load(name, directory: repositoryProfiles)
        #expect(profile.name == name)
        let entry = try profile.entry(for: "stargan")
        #expect(entry.training.problems().isEmpty)
        let settings = try entry.settings.decoded(as: StarGANSettings.self)
        #expect(settings.problems(imageSize: entry.training.imageSize).isEmpty)
        let cycle = try profile.entry(for: "cyclegan")
        #expect(cycle.training.problems().isEmpty)
        #expect(try cycle.settings.decoded(as: CycleGANSettings.self).problems(imageSize: cycle.training.imageSize).isEmpty)
        let ic = try profile.entry(for: "icgan")
        #expect(ic.training.problems().isEmpty)
        #expect(try ic.settings.decoded(as: IcGANSettings.self).problems(imageSize: 64, iterations: ic.training.iterations).isEmpty)
    }

    /// The paper profile's CycleGAN and IcGAN networks at their published sizes.
    @Test func paperProfileBuildsCycleGANAndIcGANAtThePublishedSize() throws {
        let profile = try Profile.load("paper", directory: repositoryProfiles)
        let cycle = try profile.entry(for: "cyclegan").settings.decoded(as: CycleGANSettings.self)
        var random = RandomGenerator(seed: 0)
        #expect(CycleGANGenerator(ngf: cycle.generatorFilters, residualBlocks: cycle.residualBlocks, generator: &random).parameterCount == 11_378_179)
        #expect(PatchDiscriminator(ndf: cycle.discriminatorFilters, generator: &random).parameterCount == 2_764_737)
        let ic = try profile.entry(for: "icgan").settings.decoded(as: IcGANSettings.self)
        let g = IcGANGenerator(noiseSize: ic.noiseSize, labelCount: 18, ngf: ic.generatorFilters, generator: &random)
        #expect(abs(Double(g.parameterCount) - 3.73e6) < 0.01 * 3.73e6)
        let ez = IcGANEncoder(outputs: ic.noiseSize, fullyConnected: ic.encoderZFullyConnected, nf: ic.encoderFilters, generator: &random)
        #expect(abs(Double(ez.parameterCount) - 18.3e6) < 0.01 * 18.3e6)
    }

    @Test func paperProfileBuildsStarGANAtThePublishedSize() throws {
        let entry = try Profile.load("paper", directory: repositoryProfiles).entry(for: "stargan")
        let settings = try entry.settings.decoded(as: StarGANSettings.self)
        // Upstream's CelebA model has c_dim = 5 (the paper's five CelebA-HQ label columns too).
        let method = StarGAN(settings: settings, context: MethodContext(domains: .bilganCelebAHQ, imageSize: entry.training.imageSize, seed: 0))
        #expect(method.generator.parameterCount == 8_430_528)
        #expect(method.discriminator.parameterCount == 44_762_048)
        #expect(entry.training.batchSize == 16 && entry.training.iterations == 200_000 && settings.criticSteps == 5)
    }

    /// A profile missing a field is an error naming the file and the field.
    @Test func incompleteProfileNamesTheMissingField() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"name": "x", "methods": {"stargan": {"settings": {}, "training": {"iterations": 1}}}}"#.utf8).write(to: url)
        #expect {
            _ = try Profile.load(url.path, directory: repositoryProfiles)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("methods.stargan.training.batchSize")
        }
    }

    /// The configuration's canonical JSON and hash do not depend on the order fields were written in,
    /// and any change of a setting changes the hash.
    @Test func runConfigHashIsCanonical() throws {
        let entry = try Profile.load("smoke", directory: repositoryProfiles).entry(for: "stargan")
        let config = RunConfig(method: "stargan", variant: "default", dataset: "celebahq", datasetPath: "/d", datasetFingerprint: "f",
                               datasetRendererVersion: 4, profile: "smoke", seed: 0, codeVersion: "v", training: entry.training,
                               methodSettings: entry.settings)
        let decoded = try JSONDecoder().decode(RunConfig.self, from: Data(try config.canonicalJSON().utf8))
        #expect(try decoded.hash() == config.hash())
        var changed = config
        changed.seed = 1
        #expect(try changed.hash() != config.hash())
        #expect(try config.runName().hasPrefix("stargan-default-celebahq-smoke-seed0-"))
    }
}
