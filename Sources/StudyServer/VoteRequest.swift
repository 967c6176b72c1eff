import Foundation
import ResultsStore

/// The body of `POST /api/<token>/vote`: `{"pair": "<blind id>", "choice": "left"|"right", "timeOnPageMs": 1834}`.
struct VoteRequest: Decodable, Sendable {
    enum Side: String, Decodable, Sendable {
        case left, right
    }

    let pair: String
    let choice: Side
    let timeOnPageMs: Int64?

    /// The stored choice: the left image is item side A.
    var preferred: StudyVoteRecord.Choice { choice == .left ? .a : .b }

    /// At most a day on one page; anything longer is a stale tab, recorded as unknown.
    static let longestPageMs: Int64 = 86_400_000

    static func decode(_ data: Data) throws -> VoteRequest {
        let request = try JSONDecoder().decode(VoteRequest.self, from: data)
        guard request.pair.utf8.count == 12, request.pair.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "pair must be a 12-digit hex id"))
        }
        return request
    }

    var clampedTimeOnPage: Int64? {
        timeOnPageMs.flatMap { (0...Self.longestPageMs).contains($0) ? $0 : nil }
    }
}
