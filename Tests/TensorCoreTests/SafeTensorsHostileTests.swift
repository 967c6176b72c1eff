import Foundation
import Testing
import TensorCore
import TestSupport

/// Safetensors headers that are wrong in ways a lenient reader would accept or trap on (issue 8).
@Suite struct SafeTensorsHostileTests {
    func file(_ json: String, data: [UInt8]) -> Data { safeTensorsBytes(header: json, data: data) }

    func message(_ json: String, bytes: Int = 16) -> String {
        do { _ = try SafeTensors.decode(file(json, data: Array(repeating: 0, count: bytes)), path: "m.safetensors"); return "no error" }
        catch { return String(describing: error) }
    }

    func tensor(shape: String, offsets: String = "[0,16]", dtype: String = "F32") -> String {
        #"{"w":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}}"#
    }

    @Test func nonIntegerShapesAreRefusedNotTruncated() {
        // Before: "four" was dropped ([4]) and 4.9 read as 4, so both loaded as a 4-vector.
        #expect(message(tensor(shape: #"["four",4]"#)) == #"m.safetensors: tensor 'w': shape ["four", 4] is not a list of non-negative integers"#)
        #expect(message(tensor(shape: "[4.9]")).contains("shape [4.9] is not a list of non-negative integers"))
        #expect(message(tensor(shape: "[true,4]")).contains("is not a list of non-negative integers"))
        #expect(message(tensor(shape: "[1e30]")).contains("shape [1e+30] is not a list of non-negative integers"))
        #expect(message(tensor(shape: "[-4]")).contains("is not a list of non-negative integers"))
        #expect(message(tensor(shape: "[4]")) == "no error")
    }

    @Test(arguments: ["[2305843009213693952]", "[4611686018427387904,4]", "[1099511627776,1099511627776]",
                      "[0,4611686018427387904,4611686018427387904]", "[18446744073709551615]"])
    func elementCountsThatOverflowThrow(shape: String) {
        let text = message(tensor(shape: shape))
        #expect(text.hasPrefix("m.safetensors: tensor 'w': shape") && text.contains("than this machine can address")
                || text.contains("is not a list of non-negative integers"), "\(text)")
    }

    @Test func offsetsMustBeIntegersAndDisjoint() {
        #expect(message(tensor(shape: "[4]", offsets: "[0.5,16]")).contains("data_offsets [0.5, 16] is not a pair of integers"))
        #expect(message(tensor(shape: "[4]", offsets: "[0,16,32]")).contains("is not a pair of integers"))
        let overlapping = #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        #expect(message(overlapping) == "m.safetensors: tensors 'a' [0, 16) and 'b' [8, 16) overlap in the data section")
        let adjacent = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        #expect(message(adjacent) == "no error")
    }

    @Test func specialFilesAreNamedNotRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("model.safetensors")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        // Before: opening the FIFO blocked until a writer appeared.
        #expect(throws: SafeTensorsError.self) { try SafeTensors.read(fifo) }
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors.read(dir) }
        #expect(error?.message == "is a directory, not a safetensors file")
    }

    /// 3,000 seeded mutations of a valid header (the length prefix recomputed, so the JSON and the
    /// entries are what gets exercised): each decodes or throws `SafeTensorsError`.
    @Test func fuzzedHeadersDecodeOrThrow() {
        let json = #"{"__metadata__":{"step":"3"},"a.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"# +
            #""b":{"dtype":"F16","shape":[4],"data_offsets":[24,32]},"c":{"dtype":"I64","shape":[],"data_offsets":[32,40]}}"#
        let payload = (0..<40).map { UInt8($0 * 7 & 0xFF) }
        var decoded = 0, refused = 0
        for header in Mutations(of: Array(json.utf8), count: 3000, seed: 8) {
            do {
                _ = try SafeTensors.decode(file(String(decoding: header, as: UTF8.self), data: payload))
                decoded += 1
            } catch is SafeTensorsError {
                refused += 1
            } catch {
                Issue.record("unexpected error type \(type(of: error)): \(error)")
            }
        }
        #expect(decoded > 0 && refused > 0)
    }
}
