import Foundation
import ResultsStore
import Testing

/// The rating page in a real browser: headless Chromium opens a rater link, votes with clicks and with
/// ←/→, reloads and resumes, and the votes are in the store. Skipped (with the reason) where Chromium is
/// not installed. `STUDY_SCREENSHOT=<path>` saves the page as the rater sees it (docs/study-page.png).
@Suite(.serialized) struct BrowserTests {
    @Test(.enabled(if: WebDriver.missing == nil, "needs /usr/bin/chromium and /usr/bin/chromedriver (make setup installs chromium and chromium-driver)"))
    func raterVotesWithClicksAndKeysAndResumesAfterReload() async throws {
        let fixture = try await ServerFixture()
        let browser = try await WebDriver()
        do {
            try await Self.run(fixture: fixture, browser: browser)
        } catch {
            await browser.quit()
            await fixture.stop()
            throw error
        }
        await browser.quit()
        await fixture.stop()
    }

    static func run(fixture: ServerFixture, browser: WebDriver) async throws {
        let progress = "return document.getElementById('progress').textContent"
        let state = "return document.body.dataset.state || ''"
        try await browser.open("http://127.0.0.1:\(fixture.port)/r/\(fixture.invitations[0].token)")
        try await browser.waitFor(state, toBe: "ready")
        try await browser.waitFor(progress, toBe: "0 of 4 done")
        #expect(try await browser.script("return document.getElementById('target').textContent") as? String != "")
        if let path = ProcessInfo.processInfo.environment["STUDY_SCREENSHOT"] {
            try await browser.screenshot().write(to: URL(fileURLWithPath: path))
        }
        try await browser.click("#left")
        try await browser.waitFor(progress, toBe: "1 of 4 done")
        try await browser.waitFor(state, toBe: "ready")
        try await browser.press("\u{E014}")   // →
        try await browser.waitFor(progress, toBe: "2 of 4 done")
        try await browser.refresh()
        try await browser.waitFor(state, toBe: "ready")
        try await browser.waitFor(progress, toBe: "2 of 4 done")   // resumed, not restarted
        try await browser.press("\u{E012}")   // ←
        try await browser.waitFor(progress, toBe: "3 of 4 done")
        try await browser.waitFor(state, toBe: "ready")
        try await browser.click("#right")
        try await browser.waitFor(state, toBe: "finished")
        try await browser.waitFor(progress, toBe: "4 of 4 done")

        let votes = try fixture.database.studyVotes(rater: "rater-01", study: "table1")
        let raters = try fixture.database.studyRaters("table1")
        let order = try fixture.database.studyAssignments(raterId: raters[0].id!)
        #expect(order.map { votes[$0]?.preferred } == [.a, .b, .a, .b])
        #expect(order.allSatisfy { (votes[$0]?.timeOnPageMs ?? -1) >= 0 })
        #expect(try fixture.voteCount() == 4)
    }
}
