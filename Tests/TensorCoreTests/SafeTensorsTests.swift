import Foundation
import Testing
import TensorCore
import TestSupport

@Suite struct SafeTensorsTests {
    func header(_ json: String, data: [UInt8]) -> Data { safeTensorsBytes(header: json, data: data) }

    @Test func roundTripIsExact() throws {
        var g = RandomGenerator(seed: 3)
        let tensors = ["a.weight": Tensor.normal([3, 4, 2], generator: &g), "b": Tensor(shape: [], scalars: [7]),
                       "z": Tensor.zeros([0, 5])]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write(tensors, metadata: ["iteration": "12"], to: url)
        let back = try SafeTensors.read(url)
        #expect(back.metadata == ["iteration": "12"])
        #expect(Set(back.tensors.keys) == Set(tensors.keys))
        for (k, v) in tensors {
            #expect(back.tensors[k]!.shape == v.shape)
            #expect(back.tensors[k]!.scalars.map(\.bitPattern) == v.scalars.map(\.bitPattern))
        }
        // Identical contents give identical bytes.
        #expect(SafeTensors.encode(tensors, metadata: ["iteration": "12"]) == (try Data(contentsOf: url)))
    }

    @Test func readsOtherDtypes() throws {
        // F16 [1.0, -2.5], BF16 [3.0], I64 [-7], U8 [200]
        let bytes: [UInt8] = [0x00, 0x3C, 0x00, 0xC1, 0x40, 0x40, 0xF9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 200]
        let json = #"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]},"# +
            #""i":{"dtype":"I64","shape":[1],"data_offsets":[6,14]},"u":{"dtype":"U8","shape":[1,1],"data_offsets":[14,15]}}"#
        let f = try SafeTensors.decode(header(json, data: bytes))
        #expect(f.tensors["h"]!.scalars == [1.0, -2.5])
        #expect(f.tensors["b"]!.scalars == [3.0])
        #expect(f.tensors["i"]!.scalars == [-7])
        #expect(f.tensors["u"]!.scalars == [200] && f.tensors["u"]!.shape == [1, 1])
    }

    @Test func badFilesGiveErrorsNamingTheProblem() {
        func message(_ data: Data) -> String {
            do { _ = try SafeTensors.decode(data, path: "model.safetensors"); return "no error" }
            catch { return String(describing: error) }
        }
        #expect(message(Data([1, 2, 3])).contains("shorter than the 8-byte header"))
        #expect(message(header("{}", data: []).prefix(9)).contains("exceeds the file size"))
        #expect(message(header("[1,2]", data: [])).contains("not a JSON object"))
        let outside = message(header(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]))
        #expect(outside.contains("'w'") && outside.contains("outside"))
        let size = message(header(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)))
        #expect(size.contains("'w'") && size.contains("needs 12 bytes"))
        #expect(message(header(#"{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)))
            .contains("unsupported dtype C64"))
        #expect(message(Data([1, 2, 3])).hasPrefix("model.safetensors:"))
    }
}
