import Foundation

/// The safetensors file format (Hugging Face's, read by PyTorch, JAX, NumPy and others):
///
/// - 8 bytes: `N`, the header length, an unsigned little-endian 64-bit integer;
/// - `N` bytes: a UTF-8 JSON object mapping each tensor name to
///   `{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}` (offsets into the data
///   that follows), plus an optional `"__metadata__"` object of string values;
/// - the tensors' bytes, little-endian, row-major, one after the other with no gap.
///
/// Written as Python's `safetensors` package writes (checked byte for byte against it):
/// compact JSON, `__metadata__` first with sorted keys, tensors ordered by dtype (I64, F64, F32,
/// U8, BOOL) then by name, the header padded with spaces so the data starts at a multiple of 8.
/// Reading checks everything the reference implementation checks and reports the first problem
/// as a ``FileError`` naming the file: a short file, a header that is not a JSON object, an unknown
/// dtype, offsets that do not match the shape, overlap, gaps, missing or extra data bytes.
public enum SafeTensors {
    /// The dtypes read and written, with their safetensors names and sizes.
    static let dtypeNames: [DType: String] = [.float32: "F32", .float64: "F64", .uint8: "U8", .int64: "I64", .bool: "BOOL"]
    /// Python's writer orders tensors by descending dtype in this sequence (its enum order).
    static let dtypeRank: [DType: Int] = [.bool: 0, .uint8: 1, .float32: 2, .float64: 3, .int64: 4]
    /// Headers larger than this are refused (the reference implementation's limit).
    static let maximumHeader = 100_000_000

    static func size(_ dtype: DType) -> Int {
        switch dtype {
        case .float32: return 4
        case .float64, .int64: return 8
        case .uint8, .bool: return 1
        }
    }

    /// Writes `tensors` (names must be distinct) and `metadata` to `path`, atomically.
    public static func write(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], to path: String) throws {
        try AtomicWrite.write(try encode(tensors, metadata: metadata, path: path), to: path)
    }

    /// Reads the file at `path`: its tensors by name and its metadata.
    public static func read(_ path: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        try decode(try readFileBytes(path), path: path)
    }

    static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String], path: String) throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors where !seen.insert(name).inserted || name == "__metadata__" {
            throw FileError(path, "tensor name \"\(name)\" is used twice or reserved")
        }
        let ordered = tensors.sorted {
            let (a, b) = (dtypeRank[$0.tensor.dtype]!, dtypeRank[$1.tensor.dtype]!)
            return a != b ? a > b : $0.name < $1.name
        }
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            parts.append("\"__metadata__\":{" + fields.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in ordered {
            let length = tensor.count * size(tensor.dtype)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(name)):{\"dtype\":\"\(dtypeNames[tensor.dtype]!)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + length)]}")
            offset += length
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for (_, tensor) in ordered { appendBytes(of: tensor, to: &out) }
        return out
    }

    /// The little-endian bytes of a tensor's elements.
    private static func appendBytes(of tensor: Tensor, to out: inout [UInt8]) {
        switch tensor.dtype {
        case .float32: for v in tensor.floats { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        case .float64: for v in tensor.doubles { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        case .int64: for v in tensor.ints { withUnsafeBytes(of: Int64(v).littleEndian) { out.append(contentsOf: $0) } }
        case .uint8: out.append(contentsOf: tensor.ints.map { UInt8(truncatingIfNeeded: $0) })
        case .bool: out.append(contentsOf: tensor.bools.map { $0 ? 1 : 0 })
        }
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        guard bytes.count >= 8 else {
            throw FileError(path, "truncated: \(bytes.count) bytes, shorter than the 8-byte header length of a safetensors file")
        }
        var n: UInt64 = 0
        for k in 0..<8 { n |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard n <= UInt64(maximumHeader) else {
            throw FileError(path, "not a safetensors file: header length \(n) is larger than the limit \(maximumHeader)")
        }
        let headerLength = Int(n)
        guard 8 + headerLength <= bytes.count else {
            throw FileError(path, "truncated: the header says it is \(headerLength) bytes, only \(bytes.count - 8) follow")
        }
        let headerBytes = bytes[8..<(8 + headerLength)]
        guard headerBytes.first == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: Data(headerBytes)),
              let header = object as? [String: Any] else {
            throw FileError(path, "not a safetensors file: the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let meta = header["__metadata__"] {
            guard let dict = meta as? [String: Any], dict.values.allSatisfy({ $0 is String }) else {
                throw FileError(path, "corrupt header: __metadata__ must map names to strings")
            }
            metadata = dict.mapValues { $0 as! String }
        }
        let data = bytes[(8 + headerLength)...]
        var entries: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any] else { throw FileError(path, "corrupt header: entry \"\(name)\" is not an object") }
            guard let dtypeName = info["dtype"] as? String else { throw FileError(path, "corrupt header: tensor \"\(name)\" has no dtype") }
            guard let dtype = dtypeNames.first(where: { $0.value == dtypeName })?.key else {
                throw FileError(path, "tensor \"\(name)\" has dtype \(dtypeName), which NNFS does not support (F32, F64, U8, I64, BOOL)")
            }
            guard let shape = intArray(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw FileError(path, "corrupt header: tensor \"\(name)\" has no valid shape")
            }
            guard let offsets = intArray(info["data_offsets"]), offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw FileError(path, "corrupt header: tensor \"\(name)\" has no valid data_offsets")
            }
            var expected = size(dtype)
            for d in shape {
                let (m, o) = expected.multipliedReportingOverflow(by: d)
                guard !o else { throw FileError(path, "corrupt header: tensor \"\(name)\" shape \(shape) is too large") }
                expected = m
            }
            guard offsets[1] - offsets[0] == expected else {
                throw FileError(path, "corrupt header: tensor \"\(name)\" of shape \(shape) and dtype \(dtypeName) needs \(expected) bytes, its data_offsets \(offsets) give \(offsets[1] - offsets[0])")
            }
            entries.append((name, dtype, shape, offsets[0], offsets[1]))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var position = 0
        for e in entries {
            guard e.begin == position else {
                throw FileError(path, "corrupt header: tensor \"\(e.name)\" starts at byte \(e.begin) of the data, expected \(position) (tensors must not overlap or leave gaps)")
            }
            position = e.end
        }
        if position > data.count {
            throw FileError(path, "truncated: the header describes \(position) bytes of tensor data, the file has \(data.count)")
        }
        if position < data.count {
            throw FileError(path, "corrupt: \(data.count - position) bytes after the last tensor's data")
        }
        var tensors: [String: Tensor] = [:]
        for e in entries {
            tensors[e.name] = try tensor(data[(data.startIndex + e.begin)..<(data.startIndex + e.end)], e.dtype, e.shape, name: e.name, path: path)
        }
        return (tensors, metadata)
    }

    private static func tensor(_ raw: ArraySlice<UInt8>, _ dtype: DType, _ shape: [Int], name: String, path: String) throws -> Tensor {
        let bytes = Array(raw)
        func words<T: FixedWidthInteger>(_: T.Type) -> [T] {
            bytes.withUnsafeBytes { p in (0..<(bytes.count / MemoryLayout<T>.size)).map { T(littleEndian: p.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) } }
        }
        switch dtype {
        case .float32: return Tensor(float32: words(UInt32.self).map(Float.init(bitPattern:)), shape: shape)
        case .float64: return Tensor(float64: words(UInt64.self).map(Double.init(bitPattern:)), shape: shape)
        case .int64: return Tensor(ints: words(Int64.self).map { Int($0) }, shape: shape, dtype: .int64)
        case .uint8: return Tensor(ints: bytes.map(Int.init), shape: shape, dtype: .uint8)
        case .bool:
            guard bytes.allSatisfy({ $0 <= 1 }) else { throw FileError(path, "corrupt: tensor \"\(name)\" holds a BOOL byte other than 0 or 1") }
            return Tensor(bools: bytes.map { $0 == 1 }, shape: shape)
        }
    }

    /// A JSON array of integers (a fractional number makes it invalid).
    private static func intArray(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var out: [Int] = []
        for v in array {
            guard let n = v as? Int else { return nil }
            out.append(n)
        }
        return out
    }

    /// A JSON string literal (as serde_json escapes: quote, backslash and control characters).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
