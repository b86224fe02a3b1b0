/// An IDX file (the MNIST / Fashion-MNIST container): a magic number `00 00 08 n` (unsigned
/// bytes, `n` dimensions), `n` big-endian 32-bit extents, then the bytes in row-major order.
///
/// ``read(_:)`` accepts the file gzip-compressed (as Debian ships it) or plain, and checks the
/// magic number, the element type, the dimensions and that the data is exactly as long as they
/// say: anything else is a ``FileError`` naming the file.
struct IDXFile: Equatable {
    /// The extents, outermost first: `[60000, 28, 28]` for the training images.
    var dims: [Int]
    /// The elements, row-major.
    var bytes: [UInt8]

    static func read(_ path: String) throws -> IDXFile {
        let raw = try readFileBytes(path)
        let content = Gzip.isGzip(raw) ? try Gzip.decompress(raw, path: path) : raw
        return try parse(content, path: path)
    }

    static func parse(_ data: [UInt8], path: String) throws -> IDXFile {
        guard data.count >= 4 else {
            throw FileError(path, "not an IDX file: \(data.count) bytes, shorter than the 4-byte magic number")
        }
        guard data[0] == 0, data[1] == 0 else {
            throw FileError(path, "not an IDX file: magic number starts \(hex(data[0])) \(hex(data[1])), expected 00 00")
        }
        guard data[2] == 0x08 else {
            throw FileError(path, "IDX element type \(hex(data[2])) is not supported (only 08, unsigned bytes)")
        }
        let rank = Int(data[3])
        guard rank >= 1 else { throw FileError(path, "IDX file with 0 dimensions") }
        let headerLength = 4 + 4 * rank
        guard data.count >= headerLength else {
            throw FileError(path, "truncated IDX header: \(rank) dimensions need \(headerLength) bytes, the file has \(data.count)")
        }
        var dims: [Int] = []
        var total = 1
        for k in 0..<rank {
            let o = 4 + 4 * k
            let d = Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3])
            dims.append(d)
            total = total.multipliedReportingOverflow(by: d).overflow ? Int.max : total * d
        }
        let available = data.count - headerLength
        if available < total {
            throw FileError(path, "truncated IDX data: dimensions \(dims) need \(total) bytes, the file has \(available)")
        }
        if available > total {
            throw FileError(path, "IDX data longer than its dimensions \(dims) say: \(available) bytes, expected \(total)")
        }
        return IDXFile(dims: dims, bytes: Array(data[headerLength...]))
    }

    private static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }
}
