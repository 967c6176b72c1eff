import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `study serve` command: it prints the port it bound (here 0, so the system picks a free
/// one), serves a rater, and stops cleanly on SIGTERM; bad flags and missing files are refused with a
/// message naming the flag or path.
@Suite(.serialized) struct ServeCommandTests {
    static func study() throws -> URL { try BuiltProducts.executable("study") }

    @Test func servesOnAPickedPortAndStopsOnSigterm() async throws {
        let fixture = try await ServerFixture()
        let serve = try ChildProcess(try Self.study(), ["serve", "--database", fixture.databasePath, "--study", "table1", "--port", "0"])
        do {
            let port = try await serve.waitForNumber(after: "serving table1 at http://127.0.0.1:", seconds: 60)
            #expect(port != 0 && port != fixture.port)
            let token = fixture.invitations[0].token
            let state = try await RawHTTP.request(port: port, "GET", "/api/\(token)/state").json()
            #expect(state["done"] as? Int == 0 && state["total"] as? Int == 4)
            let page = try await RawHTTP.request(port: port, "GET", "/r/\(token)")
            #expect(page.status == 200 && page.text.contains("<script src=\"/rate.js\">"))
        } catch {
            await serve.stop(signal: SIGKILL)
            throw error
        }
        let status = await serve.stop(signal: SIGTERM, seconds: 20)
        #expect(status == 0, "study serve did not exit cleanly on SIGTERM: \(serve.output)")
        await fixture.stop()
    }

    /// Each refused invocation exits non-zero within the bound and names what is wrong.
    @Test func refusesBadFlagsAndMissingFiles() async throws {
        let fixture = try await ServerFixture()
        let database = fixture.databasePath
        let cases: [(arguments: [String], mentions: String)] = [
            (["--port", "70000"], "--port must be in 0…65535"),
            (["--port=-1"], "--port must be in 0…65535"),
            (["--database", "/nonexistent/results.sqlite"], "no results database at /nonexistent/results.sqlite"),
            (["--database", database, "--study", "nosuch"], "no study named nosuch"),
            (["--database", database, "--study-dir", "/nonexistent/study"], "/nonexistent/study/images"),
            (["--database", database, "--port", "\(fixture.port)"], "cannot serve on 127.0.0.1:\(fixture.port)"),
        ]
        for (arguments, mentions) in cases {
            let serve = try ChildProcess(try Self.study(), ["serve"] + arguments)
            let status = await serve.waitForExit(seconds: 60)
            if status == nil { await serve.stop(signal: SIGKILL) }
            #expect(status != nil && status != 0 && serve.output.contains(mentions),
                    "serve \(arguments.joined(separator: " ")) → \(String(describing: status)): \(serve.output)")
        }
        // The study folder given explicitly (as after a move) serves like the recorded one.
        let moved = try ChildProcess(try Self.study(), ["serve", "--database", database, "--port", "0",
                                                        "--study-dir", fixture.directory.appendingPathComponent("study").path])
        do {
            let port = try await moved.waitForNumber(after: "serving table1 at http://127.0.0.1:", seconds: 60)
            let state = try await RawHTTP.request(port: port, "GET", "/api/\(fixture.invitations[1].token)/state").json()
            let left = try #require((state["pair"] as? [String: Any])?["left"] as? String)
            #expect(try await RawHTTP.request(port: port, "GET", left).status == 200)
        } catch {
            await moved.stop(signal: SIGKILL)
            throw error
        }
        #expect(await moved.stop() == 0)
        await fixture.stop()
    }
}
