import Foundation
import Imaging
import ResultsStore
import Study
import StudyServer
import SynthFaces
import TensorCore

/// A small study for the server: BiL-GAN against StarGAN on 3 SynthFaces inputs × 2 edits (age flipped,
/// blond hair) at 128², the outputs being the renderer's translation plus seeded noise (more for StarGAN),
/// 4 pairs per rater, two invited raters, and the server running on an ephemeral port of 127.0.0.1 (port 0:
/// the system picks a free one and the server reports it, so suites and parallel runs never collide).
final class ServerFixture: Sendable {
    let directory: URL
    let database: ResultsDatabase
    let invitations: [RaterInvitation]
    let port: Int
    private let task: Task<Void, any Error>

    struct Timeout: Error, CustomStringConvertible { let description: String }

    /// Image side: large enough that the screenshot shows faces, small enough to render in milliseconds.
    static let size = 128

    var databasePath: String { directory.appendingPathComponent("results.sqlite").path }

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("study-server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sampler = SceneSampler(configuration: .embeddedDefault)
        var truths = [(input: String, inputID: String, labels: [String: Bool], truth: Image)]()
        for input in 0..<3 {
            let scene = sampler.celebAHQScene(GenerationConfiguration.embeddedDefault.celebAHQ.count - 1 - input)
            let inputName = "input-\(input).png"
            try PNG.write(FaceRenderer.render(scene, size: Self.size).image, to: directory.appendingPathComponent(inputName))
            for labels in [["Young": !scene.attributes.young], ["Blond_Hair": true]] {
                truths.append((inputName, "\(input)", labels, FaceRenderer.render(try scene.with(labels), size: Self.size).image))
            }
        }
        var manifests = [LoadedManifest]()
        for (m, method) in [MethodKey.bilgan, MethodKey.stargan].enumerated() {
            var random = RandomGenerator(seed: 3, stream: UInt64(m))
            var items = [TranslationItem]()
            for (t, entry) in truths.enumerated() {
                var output = entry.truth
                for i in output.pixels.indices { output.pixels[i] = min(1, max(0, output.pixels[i] + Float(0.04 * Double(m + 1) * random.normal()))) }
                let name = "\(method)-\(t).png"
                try PNG.write(output, to: directory.appendingPathComponent(name))
                items.append(TranslationItem(inputID: entry.inputID, inputImage: entry.input, edit: try AttributeEdit(labels: entry.labels),
                                             outputImage: name))
            }
            let url = directory.appendingPathComponent("\(method).json")
            try TranslationManifest(method: method, dataset: "test", items: items).write(to: url)
            manifests.append(try LoadedManifest.load(url))
        }
        database = try ResultsDatabase(path: directory.appendingPathComponent("results.sqlite").path)
        let pairs = try BlindedPairs.make(subject: manifests[0], opponents: [manifests[1]], seed: 1)
        try StudyFolder.create(study: "table1", pairs: pairs, seed: 1, manifests: manifests, pairsPerRater: 4,
                               folder: directory.appendingPathComponent("study"), database: database)
        invitations = try RaterInvitations.invite(study: "table1", count: 2, database: database)
        let server = try StudyServer(database: database, study: "table1")
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run(port: 0) { continuation.yield($0) } }
        port = try await Self.bounded(seconds: 60, "the server did not start") {
            for await port in ports { return port }
            throw Timeout(description: "the server stopped before listening")
        }
    }

    func stop() async {
        task.cancel()
        _ = try? await Self.bounded(seconds: 20, "the server did not stop") { _ = try? await self.task.value }
    }

    /// A test that failed before `stop()` still stops its server (cancelling an ended task is harmless).
    deinit {
        task.cancel()
        try? FileManager.default.removeItem(at: directory)
    }

    func voteCount() throws -> Int { try database.preferenceVotes(study: "table1").count }

    func get(_ target: String) async throws -> RawHTTP.Response { try await RawHTTP.request(port: port, "GET", target) }

    func post(_ target: String, _ body: String) async throws -> RawHTTP.Response {
        try await RawHTTP.request(port: port, "POST", target, body: Data(body.utf8))
    }

    /// Runs `body`, failing after `seconds`.
    static func bounded<T: Sendable>(seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask { try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)); return nil }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw Timeout(description: "\(what) within \(seconds) s") }
            return value
        }
    }
}
