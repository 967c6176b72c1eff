import Foundation

/// A raw safetensors file: the 8-byte little-endian header length, the JSON header, then the data, so
/// tests can write headers no well-behaved writer would produce.
public func safeTensorsBytes(header json: String, data: [UInt8]) -> Data {
    var d = Data()
    let h = Array(json.utf8)
    withUnsafeBytes(of: UInt64(h.count).littleEndian) { d.append(contentsOf: $0) }
    d.append(contentsOf: h)
    d.append(contentsOf: data)
    return d
}
