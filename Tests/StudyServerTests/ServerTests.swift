import Foundation
import ResultsStore
import Study
import StudyServer
import Testing

/// The rating server over real HTTP on 127.0.0.1: the rater flow, and bad input answered with clear 4xx,
/// nothing written, the server still serving. `.serialized`: each test owns a server; two at once would
/// only compete for the two cores.
@Suite(.serialized) struct ServerTests {
    @Test func aRaterVotesAndResumes() async throws {
        let fixture = try await ServerFixture()
        let token = fixture.invitations[0].token
        let page = try await fixture.get("/r/\(token)")
        #expect(page.status == 200 && page.text.contains("Which face shows the change better?"))
        #expect(try await fixture.get("/rate.js").text.contains("ArrowLeft"))
        for asset in ["/r/\(token)", "/rate.js", "/rate.css", "/"] {
            #expect(Self.namesNoMethod(try await fixture.get(asset).text), "\(asset) names a method")
        }

        var state = try await fixture.get("/api/\(token)/state").json()
        #expect(state["done"] as? Int == 0 && state["total"] as? Int == 4)
        for step in 0..<4 {
            let pair = try #require(state["pair"] as? [String: Any])
            let id = try #require(pair["id"] as? String)
            let left = try #require(pair["left"] as? String)
            let image = try await fixture.get(left)
            #expect(image.status == 200 && image.headers["content-type"] == "image/png" && image.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            for text in [pair["input"], pair["left"], pair["right"], pair["target"]].compactMap({ $0 as? String }) {
                #expect(Self.namesNoMethod(text), "\(text)")
            }
            let vote = try await fixture.post("/api/\(token)/vote",
                                              #"{"pair": "\#(id)", "choice": "\#(step % 2 == 0 ? "left" : "right")", "timeOnPageMs": \#(1000 + step)}"#)
            #expect(vote.status == 200, "\(vote.text)")
            // A reload asks the state afresh: it resumes after the last vote.
            state = try await fixture.get("/api/\(token)/state").json()
            #expect(state["done"] as? Int == step + 1)
        }
        #expect(state["pair"] == nil || state["pair"] is NSNull)
        let votes = try fixture.database.studyVotes(rater: "rater-01", study: "table1")
        #expect(votes.count == 4 && Set(votes.values.compactMap(\.timeOnPageMs)) == [1000, 1001, 1002, 1003])
        #expect(votes.values.filter { $0.preferred == .a }.count == 2)
        await fixture.stop()
    }

    @Test func badRequestsGetClearRefusalsAndWriteNothing() async throws {
        let fixture = try await ServerFixture()
        let mine = fixture.invitations[0].token, other = fixture.invitations[1].token
        let otherState = try await fixture.get("/api/\(other)/state").json()
        let otherPair = try #require((otherState["pair"] as? [String: Any])?["id"] as? String)
        let otherImage = try #require((otherState["pair"] as? [String: Any])?["left"] as? String)
        let mineRaters = try fixture.database.studyRaters("table1")
        let myItems = try fixture.database.studyAssignments(raterId: mineRaters[0].id!)
        let notShown = try fixture.database.studyPages("table1").first { !myItems.contains($0.item.id!) }!.page.blindID
        let unknown = String(repeating: "ab", count: 32)

        let cases: [(String, String, String?, Int, String)] = [
            ("GET", "/r/\(unknown)", nil, 403, "unknown rater token"),
            ("GET", "/r/not-a-token", nil, 403, "unknown rater token"),
            ("GET", "/api/\(unknown)/state", nil, 403, "unknown rater token"),
            ("POST", "/api/\(unknown)/vote", #"{"pair": "\#(otherPair)", "choice": "left"}"#, 403, "unknown rater token"),
            ("POST", "/api/\(mine)/vote", #"{"pair": "\#(notShown)", "choice": "left"}"#, 404, "is not one of this rater's pairs"),
            ("POST", "/api/\(mine)/vote", #"{"pair": "\#(otherPair)", "choice": "sideways"}"#, 400, "expected {"),
            ("POST", "/api/\(mine)/vote", #"{"pair": "../../etc"#, 400, "expected {"),
            ("POST", "/api/\(mine)/vote", #"{"pair": "../../../etc/passwd", "choice": "left"}"#, 400, "expected {"),
            ("POST", "/api/\(mine)/vote", String(repeating: " ", count: 10_000), 413, "at most"),
            ("GET", "/img/\(mine)/\(notShown)-left.png", nil, 404, "no such image"),   // a pair of another rater only
            ("GET", otherImage.replacingOccurrences(of: "/img/\(other)/", with: "/img/\(unknown)/"), nil, 403, "unknown rater token"),
            ("GET", "/img/\(mine)/../../results.sqlite", nil, 404, ""),
            ("GET", "/img/\(mine)/..%2F..%2Fresults.sqlite", nil, 404, "no such image"),
            ("GET", "/img/\(mine)/%2e%2e%2f%2e%2e%2fresults.sqlite", nil, 404, "no such image"),
            ("GET", "/img/\(mine)/..", nil, 404, ""),
            ("GET", "/../../../../etc/passwd", nil, 404, ""),
            ("GET", "/img/\(mine)/%2Fetc%2Fpasswd", nil, 404, "no such image"),
        ]
        for (method, target, body, status, message) in cases {
            let response = try await RawHTTP.request(port: fixture.port, method, target, body: body.map { Data($0.utf8) })
            #expect(response.status == status, "\(method) \(target): \(response.status) \(response.text)")
            #expect(message.isEmpty || response.text.contains(message), "\(method) \(target): \(response.text)")
            #expect(!response.text.contains("root:"), "\(target) leaked a file")
        }
        #expect(try fixture.voteCount() == 0)

        // A token of another study in the same store is unknown to this server, even for its own pair.
        let manifests = try [MethodKey.bilgan, MethodKey.stargan].map {
            try LoadedManifest.load(fixture.directory.appendingPathComponent("\($0).json"))
        }
        let pilotPairs = try BlindedPairs.make(subject: manifests[0], opponents: [manifests[1]], seed: 2)
        try StudyFolder.create(study: "pilot", pairs: pilotPairs, seed: 2, manifests: manifests, pairsPerRater: 2,
                               folder: fixture.directory.appendingPathComponent("pilot"), database: fixture.database)
        let pilot = try RaterInvitations.invite(study: "pilot", count: 1, database: fixture.database)[0].token
        let pilotRater = try #require(try fixture.database.studyRaters("pilot").first)
        let pilotItem = try #require(try fixture.database.studyAssignments(raterId: pilotRater.id!).first)
        let pilotPair = try #require(try fixture.database.studyPages("pilot").first { $0.item.id == pilotItem }).page.blindID
        for (method, target, body) in [("GET", "/r/\(pilot)", nil), ("GET", "/api/\(pilot)/state", nil),
                                       ("POST", "/api/\(pilot)/vote", #"{"pair": "\#(pilotPair)", "choice": "left"}"#)] {
            let response = try await RawHTTP.request(port: fixture.port, method, target, body: body.map { Data($0.utf8) })
            #expect(response.status == 403 && response.text.contains("unknown rater token"), "\(method) \(target): \(response.text)")
        }
        #expect(try fixture.database.preferenceVotes(study: "pilot").isEmpty)

        // A replayed vote is refused; a revoked token is refused; neither writes.
        let state = try await fixture.get("/api/\(mine)/state").json()
        let pair = try #require((state["pair"] as? [String: Any])?["id"] as? String)
        let ballot = #"{"pair": "\#(pair)", "choice": "left", "timeOnPageMs": 5}"#
        #expect(try await fixture.post("/api/\(mine)/vote", ballot).status == 200)
        let replay = try await fixture.post("/api/\(mine)/vote", ballot)
        #expect(replay.status == 409 && replay.text.contains("already voted"))
        try fixture.database.revokeStudyRater(study: "table1", name: "rater-01")
        let next = try await fixture.post("/api/\(mine)/vote", #"{"pair": "\#(otherPair)", "choice": "left"}"#)
        #expect(next.status == 403 && next.text.contains("revoked"))
        #expect(try await fixture.get("/r/\(mine)").status == 403)
        #expect(try fixture.voteCount() == 1)

        // A bounded flood of bad and good requests; the server keeps answering, nothing extra is written.
        for i in 0..<200 {
            let response = i % 2 == 0 ? try await fixture.get("/api/\(unknown)/state")
                                      : try await fixture.post("/api/\(other)/vote", "{not json")
            #expect(response.status == (i % 2 == 0 ? 403 : 400))
        }
        #expect(try await fixture.get("/api/\(other)/state").status == 200)
        #expect(try fixture.voteCount() == 1)
        await fixture.stop()
    }

    /// The same ballot sent at once over several connections (a double click, a replaying client): exactly
    /// one is stored, the others get 409, for every pair of the rater.
    @Test func simultaneousDuplicateVotesCountOnce() async throws {
        let fixture = try await ServerFixture()
        let token = fixture.invitations[0].token
        for _ in 0..<4 {
            let state = try await fixture.get("/api/\(token)/state").json()
            let id = try #require((state["pair"] as? [String: Any])?["id"] as? String)
            let ballot = #"{"pair": "\#(id)", "choice": "left", "timeOnPageMs": 700}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await fixture.post("/api/\(token)/vote", ballot).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409, 409, 409, 409, 409], "\(statuses)")
        }
        #expect(try fixture.voteCount() == 4)
        await fixture.stop()
    }

    /// A bounded flood from 8 connections at once (unknown tokens, malformed and oversized bodies,
    /// traversal): every answer is the expected 4xx, nothing is written, and the rater flow still works.
    @Test func concurrentFloodOfBadRequestsIsRefusedAndServingContinues() async throws {
        let fixture = try await ServerFixture()
        let token = fixture.invitations[1].token, unknown = String(repeating: "cd", count: 32)
        let requests: [(String, String, String?, Int)] = [
            ("GET", "/api/\(unknown)/state", nil, 403),
            ("POST", "/api/\(token)/vote", "{not json", 400),
            ("POST", "/api/\(token)/vote", String(repeating: "x", count: 20_000), 413),
            ("GET", "/img/\(token)/../../results.sqlite", nil, 404),
            ("POST", "/api/\(unknown)/vote", #"{"pair": "0123456789ab", "choice": "left"}"#, 403),
        ]
        let wrong = try await withThrowingTaskGroup(of: [String].self) { group in
            for client in 0..<8 {
                group.addTask {
                    var wrong = [String]()
                    for i in 0..<25 {
                        let (method, target, body, status) = requests[(client + i) % requests.count]
                        let response = try await RawHTTP.request(port: fixture.port, method, target, body: body.map { Data($0.utf8) })
                        if response.status != status { wrong.append("\(method) \(target): \(response.status), expected \(status)") }
                    }
                    return wrong
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(try fixture.voteCount() == 0)
        let state = try await fixture.get("/api/\(token)/state").json()
        let id = try #require((state["pair"] as? [String: Any])?["id"] as? String)
        #expect(try await fixture.post("/api/\(token)/vote", #"{"pair": "\#(id)", "choice": "right"}"#).status == 200)
        #expect(try fixture.voteCount() == 1)
        await fixture.stop()
    }

    /// No method name (any spelling used in the harness) in `text`, case-insensitively.
    static func namesNoMethod(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return !["bilgan", "bil-gan", "stargan", "cyclegan", "icgan"].contains { lowered.contains($0) }
    }

    /// Two raters voting at the same time, each on all their pairs: every vote is stored.
    @Test func concurrentRatersLoseNothing() async throws {
        let fixture = try await ServerFixture()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for invitation in fixture.invitations {
                group.addTask {
                    for _ in 0..<4 {
                        let state = try await fixture.get("/api/\(invitation.token)/state").json()
                        let id = try #require((state["pair"] as? [String: Any])?["id"] as? String)
                        let vote = try await fixture.post("/api/\(invitation.token)/vote", #"{"pair": "\#(id)", "choice": "right"}"#)
                        #expect(vote.status == 200)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try fixture.voteCount() == 8)
        #expect(try fixture.database.studyVotes(rater: "rater-02", study: "table1").count == 4)
        await fixture.stop()
    }
}
