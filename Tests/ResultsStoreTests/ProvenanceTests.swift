import Foundation
import ResultsStore
import Testing

@Suite struct ProvenanceTests {
    /// FIPS 180-4 example vectors.
    @Test func sha256MatchesFIPSVectors() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Key order and whitespace do not change the canonical text or the hash; a value change does.
    @Test func configHashIgnoresFormatting() throws {
        let a = try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1,
                                   configJSON: #"{"b": 2, "a": {"y": [1, 2], "x": "s/t"}}"#, codeVersion: "abc")
        let b = try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1,
                                   configJSON: #"{"a":{"x":"s/t","y":[1,2]},"b":2}"#, codeVersion: "abc")
        let c = try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1,
                                   configJSON: #"{"a":{"x":"s/t","y":[1,3]},"b":2}"#, codeVersion: "abc")
        #expect(a.configJSON == #"{"a":{"x":"s/t","y":[1,2]},"b":2}"#)
        #expect(a.configHash == b.configHash && a.configHash != c.configHash)
        #expect(a.configHash == SHA256.hexDigest(Array(a.configJSON.utf8)))
    }

    struct Config: Codable { var learningRate = 0.0001; var batch = 16; var name = "paper" }

    @Test func codableConfigIsCanonical() throws {
        let d = try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1, config: Config(), codeVersion: "abc")
        #expect(d.configJSON == #"{"batch":16,"learningRate":0.0001,"name":"paper"}"#)
    }

    @Test func badDescriptionsAreRejected() {
        #expect(throws: StoreError.self) {
            try RunDescription(method: "", variant: "v", dataset: "d", profile: "p", seed: 1, configJSON: "{}", codeVersion: "abc")
        }
        #expect(throws: StoreError.self) {
            try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1, configJSON: "[1]", codeVersion: "abc")
        }
        #expect(throws: StoreError.self) {
            try RunDescription(method: "m", variant: "v", dataset: "d", profile: "p", seed: 1, configJSON: "{oops", codeVersion: "abc")
        }
    }
}
