import CPNG

/// An 8-bit image as stored in a PNG file: `height` rows of `width` pixels of `channels` samples
/// (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA), row-major, channels interleaved.
struct PNGImage: Equatable {
    var width: Int
    var height: Int
    var channels: Int
    var pixels: [UInt8]
}

/// PNG decoding and encoding through libpng (Debian's libpng-dev), using its "simplified"
/// `png_image` API, which reports errors through a message instead of `longjmp`.
///
/// Decoding keeps what the file holds, as OpenCV does: palette images become RGB (RGBA with a
/// transparency chunk), gray images of 1, 2 or 4 bits are scaled to 8 bits, no gamma correction
/// is applied (libpng's simplified API would correct a non-sRGB `gAMA`; OpenCV ignores it, so the
/// colour-space chunks are removed before libpng sees the file). 16-bit files are refused.
enum PNGCodec {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func read(_ path: String) throws -> PNGImage {
        try decode(try readFileBytes(path), path: path)
    }

    static func write(_ image: PNGImage, to path: String) throws {
        try AtomicWrite.write(try encode(image, path: path), to: path)
    }

    static func decode(_ file: [UInt8], path: String) throws -> PNGImage {
        guard file.count >= 8, Array(file[0..<8]) == signature else {
            throw FileError(path, "not a PNG file (it does not start with the PNG signature)")
        }
        let bytes = withoutColourSpaceChunks(file)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // libpng keeps the pointer it is given in begin_read and reads through it again in
        // finish_read: both run inside one `withUnsafeBytes`, so the buffer outlives the decode
        // (outside it Swift may free `bytes` after its last use).
        return try bytes.withUnsafeBytes { buffer in
            let began = png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count)
            guard began != 0 else { throw FileError(path, "corrupt or truncated PNG: \(message(of: image))") }
            if image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 {
                throw FileError(path, "16-bit PNG files are not supported (8-bit gray, gray+alpha, RGB or RGBA only)")
            }
            // Direct pixels (no colour map), in the file's own channel layout.
            image.format &= ~UInt32(PNG_FORMAT_FLAG_COLORMAP)
            let channels = (image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1)
                + (image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
            let width = Int(image.width), height = Int(image.height)
            let (size, overflow) = width.multipliedReportingOverflow(by: height * channels)
            guard !overflow, size <= 1 << 31 else { throw FileError(path, "PNG of \(width)x\(height) pixels is too large") }
            var pixels = [UInt8](repeating: 0, count: size)
            let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard finished != 0 else { throw FileError(path, "corrupt or truncated PNG: \(message(of: image))") }
            return PNGImage(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    /// The PNG file of `image` (`bgr`: the pixels are in OpenCV's blue-green-red order).
    static func encode(_ image: PNGImage, path: String, bgr: Bool = false) throws -> [UInt8] {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        let alpha = UInt32(PNG_FORMAT_FLAG_ALPHA), color = UInt32(PNG_FORMAT_FLAG_COLOR)
        let order = bgr ? UInt32(PNG_FORMAT_FLAG_BGR) : 0
        switch image.channels {
        case 1: png.format = 0
        case 2: png.format = alpha
        case 3: png.format = color | order
        case 4: png.format = color | alpha | order
        default: throw FileError(path, "cannot write an image of \(image.channels) channels as PNG (1-4)")
        }
        guard image.width > 0, image.height > 0 else {
            throw FileError(path, "cannot write an empty image (\(image.width)x\(image.height)) as PNG")
        }
        // A buffer larger than any compressed result (raw rows + filter bytes + zlib's and PNG's
        // overhead) lets one call write; libpng reports the size it needs if it is ever short.
        var capacity = image.pixels.count + image.height + image.pixels.count / 64 + 4096
        var out = [UInt8](repeating: 0, count: capacity)
        while true {
            var length = capacity
            let written = out.withUnsafeMutableBytes { dst in
                image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, dst.baseAddress, &length, 0, $0.baseAddress, 0, nil) }
            }
            if written != 0 { return Array(out[0..<length]) }
            guard length > capacity else { throw FileError(path, "libpng could not encode: \(message(of: png))") }
            capacity = length
            out = [UInt8](repeating: 0, count: capacity)
        }
    }

    /// libpng's error message of a failed `png_image` call.
    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "libpng error" : text
        }
    }

    /// `file` without its `gAMA`, `cHRM`, `sRGB` and `iCCP` chunks (whole chunks are dropped, so
    /// the remaining CRCs stay valid). A malformed chunk list is returned unchanged for libpng to report.
    static func withoutColourSpaceChunks(_ file: [UInt8]) -> [UInt8] {
        let dropped: Set<String> = ["gAMA", "cHRM", "sRGB", "iCCP"]
        var out = Array(file[0..<8])
        var offset = 8
        var droppedAny = false
        while offset + 12 <= file.count {
            let length = Int(file[offset]) << 24 | Int(file[offset + 1]) << 16 | Int(file[offset + 2]) << 8 | Int(file[offset + 3])
            let end = offset + 12 + length
            guard length <= Int(Int32.max), end <= file.count else { return file }
            let type = String(decoding: file[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if dropped.contains(type) { droppedAny = true } else { out.append(contentsOf: file[offset..<end]) }
            if type == "IEND" { break }
            offset = end
        }
        return droppedAny ? out : file
    }
}
