import Datasets
import Foundation
import TestSupport
import Imaging
import NN
import StarGAN
import SynthFaces
import TensorCore
import Testing
import Training

/// Does StarGAN, trained briefly on SynthFaces through the real `train` command, move hair colour
/// toward the target? Measured against the renderer's ground truth: each test face is rendered as is
/// and with `Blond_Hair` set; the pixels that differ are its hair; on those pixels the mean colour of
/// the translation is compared with the input's and the ground-truth target's.
///
/// Minutes of CPU, so it runs only when asked: `make learnability` (HARNESS_LEARNABILITY=1;
/// HARNESS_LEARNABILITY_ITERATIONS sets the length, default 1,500 as the default profile).
@Suite(.serialized) struct LearnabilityCheck {
    static let enabled = ProcessInfo.processInfo.environment["HARNESS_LEARNABILITY"] == "1"

    @Test(.enabled(if: enabled)) func trainedStarGANMovesHairColourTowardTheTarget() throws {
        let iterations = ProcessInfo.processInfo.environment["HARNESS_LEARNABILITY_ITERATIONS"].flatMap(Int.init) ?? 1500
        let scratch = try Scratch("learnability")
        let configuration = GenerationConfiguration(
            seed: 11, celebAHQ: .init(count: 640, size: 64, imagesPerIdentity: 4, testCount: 64),
            rafd: .init(identities: 1, size: 32, cameraAngles: [90], testIdentities: 0),
            multiPIE: .init(subjects: 1, size: 24, illuminations: [6], sessions: [1]), writeUVFields: false)
        let data = scratch.path("data")
        try SynthFacesGenerator(configuration: configuration, root: data).generate(sets: [.celebahq], threads: 2, showProgress: false)

        let profile = try LearnabilityProfile.write(in: scratch, iterations: iterations)
        let results = scratch.path("results")
        let outcome = try TrainProcess.run(
            ["--method", "stargan", "--dataset", "celebahq", "--profile", profile.url.path, "--seed", "0",
             "--data-root", data.path, "--results", results.path, "--quiet"], in: scratch, log: "train", seconds: 3600)
        #expect(outcome.status == 0, "\(outcome.output)")
        let runs = results.appendingPathComponent("runs")
        let folder = runs.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: runs.path)[0])

        let method = StarGAN(settings: profile.settings, context: MethodContext(domains: .bilganCelebAHQ, imageSize: 64, seed: 0))
        try TrainingCheckpoint(modules: ["G": method.generator])
            .load(from: folder.appendingPathComponent("checkpoints/iter-" + String(format: "%08d", iterations) + ".safetensors"))

        let sampler = SceneSampler(configuration: configuration)
        var moved: [Double] = [], closer = 0, measured = 0
        for k in (640 - 64)..<640 {   // the test identities
            let scene = sampler.celebAHQScene(k)
            let labels = DomainSelection.bilganCelebAHQ.attributes.map { scene.attributes.celebALabels[CelebAAttributes.names.firstIndex(of: $0)!] > 0 ? Float(1) : 0 }
            guard labels[1] == 0, labels[0] + labels[2] == 1 else { continue }   // black or brown hair → blond
            let source = FaceRenderer.render(scene, size: 64).image
            let target = FaceRenderer.render(try scene.with(["Blond_Hair": true]), size: 64).image
            let hair = (0..<(64 * 64)).filter { p in (0..<3).contains { c in abs(source.pixels[p * 3 + c] - target.pixels[p * 3 + c]) > 0.08 } }
            guard hair.count >= 20 else { continue }
            let input = source.tensor().reshaped([1, 3, 64, 64])
            let blond = DomainSelection.bilganCelebAHQ.target(from: labels, setting: "Blond_Hair", to: 1)
            let output = Image(tensor: method.translate(input, sourceLabels: Tensor(shape: [1, 5], scalars: labels),
                                                        targetLabels: Tensor(shape: [1, 5], scalars: blond)))
            func mean(_ image: Image) -> [Double] {
                (0..<3).map { c in hair.reduce(0.0) { $0 + Double(image.pixels[$1 * 3 + c]) } / Double(hair.count) }
            }
            func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
            let (s, t, o) = (mean(source), mean(target), mean(output))
            moved.append(1 - distance(o, t) / distance(s, t))
            if distance(o, t) < distance(s, t) { closer += 1 }
            measured += 1
        }
        let average = moved.reduce(0, +) / Double(max(moved.count, 1))
        print("learnability after \(iterations) iterations: \(measured) black/brown-haired test faces, "
              + "\(closer) closer to the blond ground truth on hair pixels, mean fraction of the way moved \(String(format: "%.3f", average))")
        #expect(measured >= 10)
        #expect(Double(closer) >= 0.7 * Double(measured) && average > 0.2)
    }
}

/// The learnability profile: the default profile's StarGAN at 64² with `iterations` iterations.
enum LearnabilityProfile {
    static func write(in scratch: Scratch, iterations: Int) throws -> (url: URL, settings: StarGANSettings) {
        let defaults = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryProfiles.appendingPathComponent("default.json"))) as! [String: Any]
        var stargan = (defaults["methods"] as! [String: Any])["stargan"] as! [String: Any]
        var training = stargan["training"] as! [String: Any]
        training["iterations"] = iterations
        training["checkpointEvery"] = iterations
        training["sampleEvery"] = max(1, iterations / 4)
        training["learningRate"] = ["kind": "linear", "decayStart": iterations / 2, "updateEvery": 10]
        stargan["training"] = training
        let url = scratch.path("learnability.json")
        try JSONSerialization.data(withJSONObject: ["name": "learnability", "methods": ["stargan": stargan]]).write(to: url)
        let settings = try JSONDecoder().decode(StarGANSettings.self, from: JSONSerialization.data(withJSONObject: stargan["settings"]!))
        return (url, settings)
    }
}
