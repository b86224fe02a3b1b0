import CZlib

/// gzip decompression through zlib (Debian's zlib1g-dev), for the Fashion-MNIST `*.gz` IDX files.
enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed content of a whole gzip stream. A truncated stream, a corrupt one (bad
    /// deflate data, CRC or length check) or trailing bytes throw a ``FileError`` naming `path`;
    /// zlib's `inflate` never loops on bad input, so nothing can hang.
    static func decompress(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip wrapper (header, CRC-32 and length are checked by zlib).
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError(path, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        // The gzip trailer stores the length modulo 2^32: a good first guess for the output size
        // (capped, since a damaged file's trailer can say anything; the buffer grows as needed).
        // Deflate expands at most 1032:1, so a guess beyond that is a damaged trailer (found by
        // fuzzing: a damaged trailer made every call allocate 128 MiB).
        var capacity = 1 << 16
        if bytes.count >= 18 {
            let n = bytes.count
            let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            capacity = max(capacity, min(isize, 1 << 27, n * 1032))
        }
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0
        var status = Z_OK
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
                status = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = uInt(out.count - produced)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    produced = out.count - Int(stream.avail_out)
                    return s
                }
                if status == Z_STREAM_END { break }
                if status == Z_OK { continue }
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw FileError(path, "truncated gzip data (the file ends inside the compressed stream)")
                }
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw FileError(path, "corrupt gzip data: \(message)")
            }
        }
        if stream.avail_in != 0 {
            throw FileError(path, "\(stream.avail_in) unexpected bytes after the end of the gzip stream")
        }
        output.removeSubrange(produced...)
        return output
    }
}
