import Foundation

/// A problem with a safetensors file; the message names the file and, where known, the tensor.
public struct SafeTensorsError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
    public init(path: String, message: String) { self.path = path; self.message = message }
}

/// Reader and writer for the safetensors format (Hugging Face): an 8-byte little-endian header
/// length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}`,
/// then the raw little-endian data. PyTorch state dicts converted with `safetensors.torch.save_file`
/// load directly. Every dtype is read into Float32; files are written as F32.
public enum SafeTensors {
    static let elementSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    public struct File {
        public var tensors: [String: Tensor]
        public var metadata: [String: String]
    }

    public static func read(_ url: URL) throws -> File {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw SafeTensorsError(path: path, message: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String = "<memory>") throws -> File {
        func fail(_ m: String) -> SafeTensorsError { SafeTensorsError(path: path, message: m) }
        guard data.count >= 8 else { throw fail("file is \(data.count) bytes, shorter than the 8-byte header length") }
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail("header length \(headerLength) exceeds the file size \(data.count) (truncated or not safetensors)")
        }
        let headerData = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = data.count - dataStart
        var tensors = [String: Tensor]()
        var metadata = [String: String]()
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2 else {
                throw fail("tensor '\(name)': entry needs dtype, shape and data_offsets")
            }
            guard let size = elementSizes[dtype] else { throw fail("tensor '\(name)': unsupported dtype \(dtype)") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor '\(name)': negative size in shape \(shape)") }
            let count = shape.reduce(1, *)
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= dataSize else {
                throw fail("tensor '\(name)': data_offsets [\(begin), \(end)] fall outside the \(dataSize)-byte data section")
            }
            guard end - begin == count * size else {
                throw fail("tensor '\(name)': shape \(shape) of \(dtype) needs \(count * size) bytes, offsets give \(end - begin)")
            }
            var values = [Float](repeating: 0, count: count)
            data.withUnsafeBytes { raw in
                let base = raw.baseAddress! + dataStart + begin
                convert(base, dtype: dtype, count: count, into: &values)
            }
            tensors[name] = Tensor(shape: shape, scalars: values)
        }
        return File(tensors: tensors, metadata: metadata)
    }

    static func convert(_ p: UnsafeRawPointer, dtype: String, count: Int, into out: inout [Float]) {
        for i in 0..<count {
            switch dtype {
            case "F32": out[i] = Float(bitPattern: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian)
            case "F64": out[i] = Float(Double(bitPattern: p.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian))
            case "F16": out[i] = halfToFloat(p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian)
            case "BF16": out[i] = Float(bitPattern: UInt32(p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) << 16)
            case "I64": out[i] = Float(Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
            case "I32": out[i] = Float(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
            case "I16": out[i] = Float(Int16(littleEndian: p.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
            case "I8": out[i] = Float(p.load(fromByteOffset: i, as: Int8.self))
            default: out[i] = Float(p.load(fromByteOffset: i, as: UInt8.self))  // U8, BOOL
            }
        }
    }

    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa · 2⁻²⁴.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    /// Writes tensors as F32 in name order (deterministic bytes for identical contents).
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        try encode(tensors, metadata: metadata).write(to: url, options: .atomic)
    }

    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        func quote(_ s: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        var entries: [String] = []
        if !metadata.isEmpty {
            let m = metadata.keys.sorted().map { "\(quote($0)):\(quote(metadata[$0]!))" }.joined(separator: ",")
            entries.append("\"__metadata__\":{\(m)}")
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let t = tensors[name]!
            let bytes = t.count * 4
            entries.append("\(quote(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: UInt32.self) { words in
                    let little = words.map { $0.littleEndian }
                    little.withUnsafeBytes { data.append(contentsOf: $0) }
                }
            }
        }
        return data
    }
}
