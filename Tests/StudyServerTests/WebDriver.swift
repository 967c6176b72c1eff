import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven through chromedriver's W3C WebDriver HTTP API (Debian's `chromium` and
/// `chromium-driver`, installed by `make setup`). Every wait is bounded.
final class WebDriver {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    /// Why the browser test cannot run here, or nil when it can.
    static var missing: String? {
        for path in [chromium, chromedriver] where !FileManager.default.isExecutableFile(atPath: path) {
            return "\(path) is not installed (make setup installs chromium and chromium-driver)"
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    let driver: ChildProcess
    let port: Int
    let session: String

    /// Starts chromedriver on a port the system picks (`--port=0`; it prints the port it got, so two
    /// test runs never race for one) and opens a headless Chromium session.
    init() async throws {
        driver = try ChildProcess(URL(fileURLWithPath: Self.chromedriver), ["--port=0", "--allowed-ips=127.0.0.1"])
        do {
            port = try await driver.waitForNumber(after: "started successfully on port ", seconds: 30)
            let deadline = Date().addingTimeInterval(30)
            while (try? await RawHTTP.request(port: port, "GET", "/status"))?.status != 200 {
                guard Date() < deadline else { throw Failure(description: "chromedriver did not answer /status within 30 s") }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["goog:chromeOptions": [
                "binary": Self.chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=960,820",
                         "--hide-scrollbars", "--no-first-run", "--disable-extensions"],
            ]]]]
            let created = try await Self.call(port: port, "POST", "/session", capabilities)
            guard let id = (created["value"] as? [String: Any])?["sessionId"] as? String ?? created["sessionId"] as? String else {
                throw Failure(description: "no WebDriver session: \(created)")
            }
            session = id
        } catch {
            await driver.stop()
            throw error
        }
    }

    /// Closes the browser (the session) and stops chromedriver, each wait bounded. chromedriver's own
    /// `/shutdown` is asked first: started from a test it ignored SIGTERM (it had to be killed after 20 s).
    func quit() async {
        _ = try? await Self.call(port: port, "DELETE", "/session/\(session)", nil)
        _ = try? await RawHTTP.request(port: port, "GET", "/shutdown")
        if await driver.waitForExit(seconds: 10) == nil { await driver.stop(signal: SIGKILL, seconds: 5) }
    }

    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = [:]) async throws -> Any? {
        try await Self.call(port: port, method, "/session/\(session)" + path, body)["value"]
    }

    func open(_ url: String) async throws { try await command("POST", "/url", ["url": url]) }
    func refresh() async throws { try await command("POST", "/refresh") }
    func script(_ source: String) async throws -> Any? { try await command("POST", "/execute/sync", ["script": source, "args": []]) }

    func click(_ selector: String) async throws {
        let element = try await command("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
        guard let id = element?.values.first as? String else { throw Failure(description: "no element \(selector)") }
        try await command("POST", "/element/\(id)/click")
    }

    /// Presses a key on the page: WebDriver's "\u{E012}" is ←, "\u{E014}" is →.
    func press(_ key: String) async throws {
        try await command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard",
                                                           "actions": [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]]]]])
    }

    func screenshot() async throws -> Data {
        guard let base64 = try await command("GET", "/screenshot", nil) as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    /// Polls `source` (a script returning a string) until it returns `expected`, for at most `seconds`.
    func waitFor(_ source: String, toBe expected: String, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last: Any?
        while Date() < deadline {
            last = try await script(source)
            if last as? String == expected { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw Failure(description: "\(source) was \(String(describing: last)), not \(expected), after \(seconds) s")
    }

    static func call(port: Int, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try await RawHTTP.request(port: port, method, path, body: data)
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        guard response.status == 200 else { throw Failure(description: "WebDriver \(method) \(path): \(response.status) \(response.text)") }
        return json
    }
}
