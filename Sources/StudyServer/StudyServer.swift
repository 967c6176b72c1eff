import Foundation
import Hummingbird
import ServiceLifecycle
import ResultsStore
import Study

/// `study serve`: the rating page (Hummingbird 2). Safe by construction:
/// - every route but the static page assets needs a token, checked against its SHA-256 in the store;
/// - images are served only from the study's `images/` folder, only under names that match the blinded
///   pattern, and only those of the token's own pairs, so no path a client sends is ever joined to a folder;
/// - a vote is written by `recordAssignedVote`, whose single transaction refuses unknown and revoked
///   tokens, pairs not shown to the token and second votes; a refused request writes nothing.
public struct StudyServer: Sendable {
    public let database: ResultsDatabase
    public let study: String
    let images: URL

    /// Largest request body read (a vote is ~100 bytes).
    static let bodyLimit = 4_096

    /// `folder` overrides the study folder recorded by `study pairs` (a study moved to another disk or
    /// machine); either way its `images/` must exist, so a wrong folder fails here, not on the first rater.
    public init(database: ResultsDatabase, study: String, folder: URL? = nil) throws {
        guard let plan = try database.studyPlan(study) else {
            throw StudyError.invalidStudy("no study named \(study) in \(database.path): build it first with `study pairs`")
        }
        let images = (folder ?? URL(fileURLWithPath: plan.folder)).appendingPathComponent(StudyFolder.imagesFolder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: images.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StudyError.invalidStudy("study \(study): no image folder \(images.path)"
                + (folder == nil ? " (recorded by `study pairs`; give --study-dir if the study folder moved)"
                                 : " (--study-dir must be the folder given to `study pairs --folder`)"))
        }
        self.database = database
        self.study = study
        self.images = images
    }

    /// Serves until the surrounding task is cancelled (or, with `stopOnSignals`, until SIGINT/SIGTERM);
    /// `onRunning` gets the bound port (port 0 picks a free one). Either way the stop is graceful: the
    /// listener closes and requests in flight (a vote being written) are answered before this returns.
    public func run(host: String = "127.0.0.1", port: Int, stopOnSignals: Bool = false,
                    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "study"),
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [],
                                 logger: app.logger)
        // The group runs in a task of its own so that cancelling the caller becomes a graceful shutdown
        // rather than a cancellation of the server's connections mid-request.
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in Self.text(.ok, "User study: open the link you were given.\n") }
        router.get("/rate.js") { _, _ in Self.asset(RatingPage.javaScript, type: "text/javascript; charset=utf-8") }
        router.get("/rate.css") { _, _ in Self.asset(RatingPage.css, type: "text/css; charset=utf-8") }
        router.get("/r/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            switch try self.session(token) {
            case .success: return Self.asset(RatingPage.html, type: "text/html; charset=utf-8")
            case let .failure(refusal): return Self.text(Self.status(refusal), refusal.description + "\n")
            }
        }
        router.get("/api/:token/state") { _, context in
            switch try self.session(context.parameters.get("token") ?? "") {
            case let .success(session): return try Self.json(.ok, session.state(imagePrefix: Self.imagePrefix(context)))
            case let .failure(refusal): return try Self.error(Self.status(refusal), refusal.description)
            }
        }
        router.post("/api/:token/vote") { request, context in
            let token = context.parameters.get("token") ?? ""
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: Self.bodyLimit) } catch {
                return try Self.error(.contentTooLarge, "a vote is at most \(Self.bodyLimit) bytes")
            }
            let vote: VoteRequest
            do { vote = try VoteRequest.decode(Data(body.readableBytesView)) } catch {
                return try Self.error(.badRequest, "expected {\"pair\": \"<12 hex digits>\", \"choice\": \"left\"|\"right\", "
                    + "\"timeOnPageMs\": <integer>}")
            }
            // A token of another study in the same store is unknown here; the transaction below re-checks
            // revocation, so a link revoked between the two reads still writes nothing.
            if case let .failure(refusal) = try self.session(token) { return try Self.error(Self.status(refusal), refusal.description) }
            do {
                try self.database.recordAssignedVote(tokenHash: RaterInvitations.tokenHash(token), blindID: vote.pair,
                                                     preferred: vote.preferred, timeOnPageMs: vote.clampedTimeOnPage)
            } catch let refusal as StudyVoteRefusal {
                return try Self.error(Self.status(refusal), refusal.description)
            }
            guard case let .success(session) = try self.session(token) else { return try Self.error(.forbidden, "token no longer valid") }
            return try Self.json(.ok, session.state(imagePrefix: Self.imagePrefix(context)))
        }
        router.get("/img/:token/:file") { _, context in
            let file = context.parameters.get("file") ?? ""
            guard Self.isBlindedImageName(file) else { return Self.text(.notFound, "no such image\n") }
            switch try self.session(context.parameters.get("token") ?? "") {
            case let .success(session):
                guard session.mayView(file), let data = FileManager.default.contents(atPath: self.images.appendingPathComponent(file).path) else {
                    return Self.text(.notFound, "no such image\n")
                }
                return Self.image(data, type: file.hasSuffix(".png") ? "image/png" : "image/jpeg")
            case let .failure(refusal):
                return Self.text(Self.status(refusal), refusal.description + "\n")
            }
        }
        return router
    }

    /// The rater of a token, or why there is none.
    func session(_ token: String) throws -> Result<RaterSession, StudyVoteRefusal> {
        guard let session = try RaterSession.load(token: token, database: database), session.rater.study == study else {
            return .failure(.unknownToken)
        }
        return session.rater.revokedAt == nil ? .success(session) : .failure(.revokedToken)
    }

    /// `<blind id>-input|left|right.png|jpg|jpeg`: the only names `StudyFolder` gives images.
    static func isBlindedImageName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        guard parts.count == 2, ["png", "jpg", "jpeg"].contains(String(parts[1])) else { return false }
        let stem = parts[0].split(separator: "-")
        return stem.count == 2 && stem[0].utf8.count == 12
            && stem[0].utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            && ["input", "left", "right"].contains(String(stem[1]))
    }

    static func imagePrefix(_ context: BasicRequestContext) -> String {
        "/img/\(context.parameters.get("token") ?? "")/"
    }

    static func status(_ refusal: StudyVoteRefusal) -> HTTPResponse.Status {
        switch refusal {
        case .unknownToken, .revokedToken: return .forbidden
        case .pairNotShown: return .notFound
        case .alreadyVoted: return .conflict
        }
    }
}
