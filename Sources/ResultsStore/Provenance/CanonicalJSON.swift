import Foundation

/// The one JSON spelling of a run's configuration that its hash is taken over: keys sorted, no
/// whitespace, slashes unescaped. Two configs that differ only in key order or formatting hash alike.
public enum CanonicalJSON {
    /// Canonical JSON of an `Encodable` config: `JSONEncoder`'s output passed through `canonicalize`,
    /// because the two sort keys differently (`phaseTwoAdversarial` / `phases` come out in opposite
    /// orders), and the store canonicalizes what it is given: one spelling, one hash.
    public static func encode<Config: Encodable>(_ config: Config) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text: String
        do {
            text = String(decoding: try encoder.encode(config), as: UTF8.self)
        } catch {
            throw StoreError.invalidInput("the run configuration cannot be encoded as JSON: \(error)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), object is [String: Any] || object is [Any],
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return text   // a bare string or number: nothing to sort
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Canonical form of JSON text (an object at the top level).
    public static func canonicalize(_ text: String) throws -> String {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw StoreError.invalidInput("the run configuration is not valid JSON: \(error.localizedDescription)")
        }
        guard object is [String: Any] else {
            throw StoreError.invalidInput("the run configuration must be a JSON object, got: \(text.prefix(80))")
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// SHA-256 (hex) of the canonical text.
    public static func hash(_ canonicalText: String) -> String {
        SHA256.hexDigest(Array(canonicalText.utf8))
    }
}

/// Decoding of the JSON text columns (breakdowns, attribute groups), with an error naming the row.
enum JSONColumn {
    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: @autoclosure () -> String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.invalidInput("\(what()) is unreadable JSON: \(error)")
        }
    }
}
