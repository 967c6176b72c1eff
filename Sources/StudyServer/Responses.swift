import Foundation
import Hummingbird

/// Every answer of the rating server, with the headers that keep a rater's token where it belongs: no
/// caching of pages or API answers (`no-store`), no referrer (the token is in the URL), no MIME sniffing,
/// and for the page a content policy that allows only the server's own script, style and images.
extension StudyServer {
    static let contentPolicy = "default-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    static func response(_ status: HTTPResponse.Status, type: String, cache: String = "no-store", _ body: ByteBuffer,
                         policy: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: cache, .xContentTypeOptions: "nosniff"]
        headers[.init("Referrer-Policy")!] = "no-referrer"
        if policy { headers[.contentSecurityPolicy] = contentPolicy }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        response(status, type: "text/plain; charset=utf-8", ByteBuffer(string: text))
    }

    static func asset(_ text: String, type: String) -> Response {
        response(.ok, type: type, ByteBuffer(string: text), policy: true)
    }

    /// Study images never change under their blinded name, so the browser may keep them (privately).
    static func image(_ data: Data, type: String) -> Response {
        response(.ok, type: type, cache: "private, max-age=3600", ByteBuffer(bytes: data))
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return response(status, type: "application/json", ByteBuffer(bytes: try encoder.encode(value)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
        try json(status, ["error": message])
    }
}
