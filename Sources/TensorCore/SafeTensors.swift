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
        // A FIFO or device would block or stream forever; a directory gives a confusing message.
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular {
            throw SafeTensorsError(path: path, message: type == .typeDirectory ? "is a directory, not a safetensors file"
                                                                                : "is not a regular file (a FIFO, socket or device)")
        }
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw SafeTensorsError(path: path, message: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Largest header accepted (the format's own limit, safetensors `MAX_HEADER_SIZE`): a larger
    /// length is a corrupt file, not a reason to allocate.
    static let maximumHeaderLength: UInt64 = 100_000_000

    public static func decode(_ data: Data, path: String = "<memory>") throws -> File {
        func fail(_ m: String) -> SafeTensorsError { SafeTensorsError(path: path, message: m) }
        guard data.count >= 8 else { throw fail("file is \(data.count) bytes, shorter than the 8-byte header length") }
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail("header length \(headerLength) exceeds the file size \(data.count) (truncated or not safetensors)")
        }
        guard headerLength <= maximumHeaderLength else {
            throw fail("header length \(headerLength) is over the format's limit of \(maximumHeaderLength) bytes (corrupt or not safetensors)")
        }
        let headerData = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = data.count - dataStart
        var entries: [(name: String, entry: HeaderEntry)] = []
        var metadata = [String: String]()
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            do {
                entries.append((name, try HeaderEntry(value, dataSize: dataSize)))
            } catch let problem as HeaderEntry.Problem {
                throw fail("tensor '\(name)': \(problem.message)")
            }
        }
        // Tensors own disjoint byte ranges; overlapping ones would alias each other's values.
        let byOffset = entries.sorted { ($0.entry.begin, $0.entry.end, $0.name) < ($1.entry.begin, $1.entry.end, $1.name) }
        for (a, b) in zip(byOffset, byOffset.dropFirst()) where b.entry.begin < a.entry.end {
            throw fail("tensors '\(a.name)' [\(a.entry.begin), \(a.entry.end)) and '\(b.name)' [\(b.entry.begin), \(b.entry.end)) overlap in the data section")
        }
        var tensors = [String: Tensor]()
        for (name, entry) in entries {
            var values = [Float](repeating: 0, count: entry.count)
            data.withUnsafeBytes { raw in
                let base = raw.baseAddress! + dataStart + entry.begin
                convert(base, dtype: entry.dtype, count: entry.count, into: &values)
            }
            tensors[name] = Tensor(shape: entry.shape, scalars: values)
        }
        return File(tensors: tensors, metadata: metadata)
    }

    /// One tensor's header entry, checked: integer shape and offsets (no fractions, strings or
    /// booleans), sizes computed with overflow checks, the byte range inside the data section and
    /// exactly as long as the shape and dtype need.
    struct HeaderEntry {
        struct Problem: Error { let message: String }

        let dtype: String
        let shape: [Int]
        let count: Int
        let begin: Int
        let end: Int

        init(_ value: Any, dataSize: Int) throws {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shapeValues = entry["shape"] as? [Any], let offsetValues = entry["data_offsets"] as? [Any] else {
                throw Problem(message: "entry needs dtype, shape and data_offsets")
            }
            guard let size = SafeTensors.elementSizes[dtype] else { throw Problem(message: "unsupported dtype \(dtype)") }
            let dims = shapeValues.compactMap(Self.exactInteger)
            guard dims.count == shapeValues.count, dims.allSatisfy({ $0 >= 0 }) else {
                throw Problem(message: "shape \(Self.describe(shapeValues)) is not a list of non-negative integers")
            }
            // Checked products: every non-zero dimension together, so strides fit too.
            var count = 1, nonZeroProduct = 1
            for d in dims {
                let (p, overflow) = nonZeroProduct.multipliedReportingOverflow(by: Swift.max(d, 1))
                guard !overflow else { throw Problem(message: "shape \(dims) has more elements than this machine can address") }
                nonZeroProduct = p
                count = d == 0 ? 0 : count * d
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw Problem(message: "shape \(dims) of \(dtype) has more bytes than this machine can address") }
            let offsets = offsetValues.compactMap(Self.exactInteger)
            guard offsetValues.count == 2, offsets.count == 2 else {
                throw Problem(message: "data_offsets \(Self.describe(offsetValues)) is not a pair of integers [begin, end]")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= dataSize else {
                throw Problem(message: "data_offsets [\(begin), \(end)] fall outside the \(dataSize)-byte data section")
            }
            guard end - begin == bytes else {
                throw Problem(message: "shape \(dims) of \(dtype) needs \(bytes) bytes, offsets give \(end - begin)")
            }
            (self.dtype, self.shape, self.count, self.begin, self.end) = (dtype, dims, count, begin, end)
        }

        /// A JSON integer as an Int: nil for fractions (4.9, 1e30), booleans, strings and integers
        /// beyond Int's range, which `NSNumber.intValue` would truncate or wrap silently.
        static func exactInteger(_ value: Any) -> Int? {
            // `is Bool` would also match the numbers 0 and 1; JSON booleans have objCType "c".
            guard let number = value as? NSNumber, !["d", "f", "c", "B"].contains(String(cString: number.objCType)) else { return nil }
            return number as? Int
        }

        static func describe(_ values: [Any]) -> String {
            "[" + values.map { value in
                if let number = value as? NSNumber {
                    return String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
                }
                if let text = value as? String { return "\"\(text)\"" }
                return String(describing: value)
            }.joined(separator: ", ") + "]"
        }
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
