/// The few OpenCV (`cv2`) calls the book makes, under OpenCV's names: `cv2.imread`,
/// `cv2.imwrite`, `cv2.resize`. Images are `uint8` tensors shaped as OpenCV's NumPy arrays:
/// `(rows, cols)` for gray, `(rows, cols, 3)` blue-green-red, `(rows, cols, 4)` with alpha.
///
/// Only PNG files are read and written (through libpng). Where OpenCV returns `None` for an
/// unreadable file, these throw a ``FileError`` naming the file and the reason.
public enum cv2 {
    /// `cv2.IMREAD_UNCHANGED`: the channels the file has (gray+alpha becomes BGRA, as OpenCV does).
    public static let IMREAD_UNCHANGED = -1
    /// `cv2.IMREAD_GRAYSCALE`: one channel; colour converted with libpng's `rgb_to_gray`
    /// coefficients as OpenCV requests them (see ``grayscale(red:green:blue:)``).
    public static let IMREAD_GRAYSCALE = 0
    /// `cv2.IMREAD_COLOR` (the default): three channels, blue-green-red.
    public static let IMREAD_COLOR = 1
    /// `cv2.INTER_LINEAR` (the default interpolation of `cv2.resize`).
    public static let INTER_LINEAR = 1

    /// `cv2.imread(path, flags)`: the image in the file at `path`.
    public static func imread(_ path: String, _ flags: Int = IMREAD_COLOR) throws -> Tensor {
        let png = try PNGCodec.read(path)
        let (h, w) = (png.height, png.width)
        switch flags {
        case IMREAD_UNCHANGED:
            if png.channels == 1 { return image(png.pixels, [h, w]) }
            let c = png.channels == 3 ? 3 : 4
            return image(samples(png, alpha: c == 4) { r, g, b in (b, g, r) }, [h, w, c])
        case IMREAD_GRAYSCALE:
            if png.channels == 1 { return image(png.pixels, [h, w]) }
            return image(gray(png), [h, w])
        case IMREAD_COLOR:
            return image(samples(png, alpha: false) { r, g, b in (b, g, r) }, [h, w, 3])
        default:
            throw FileError(path, "imread flag \(flags) is not supported (IMREAD_UNCHANGED, IMREAD_GRAYSCALE or IMREAD_COLOR)")
        }
    }

    /// `cv2.imwrite(path, image)`: writes a `uint8` image of shape `(rows, cols)`,
    /// `(rows, cols, 1)`, `(rows, cols, 3)` (BGR) or `(rows, cols, 4)` (BGRA) as PNG, atomically.
    /// Returns `true` as OpenCV does; a failure throws.
    @discardableResult
    public static func imwrite(_ path: String, _ img: Tensor) throws -> Bool {
        guard path.lowercased().hasSuffix(".png") else {
            throw FileError(path, "only PNG files can be written (the name must end in .png)")
        }
        let (h, w, c) = try dimensions(img, path)
        let png = PNGImage(width: w, height: h, channels: c, pixels: img.ints.map { UInt8(truncatingIfNeeded: $0) })
        try AtomicWrite.write(try PNGCodec.encode(png, path: path, bgr: true), to: path)
        return true
    }

    /// `cv2.resize(image, (width, height))`: note OpenCV's order, width first. Only
    /// `INTER_LINEAR` on `uint8` images, bit-exact with OpenCV (see ``LinearResize``).
    public static func resize(_ img: Tensor, _ dsize: (Int, Int), interpolation: Int = INTER_LINEAR) -> Tensor {
        precondition(interpolation == INTER_LINEAR, "cv2.resize: only INTER_LINEAR is implemented")
        precondition(dsize.0 > 0 && dsize.1 > 0, "cv2.resize: dsize \(dsize) must be positive")
        let (h, w, c): (Int, Int, Int)
        do { (h, w, c) = try dimensions(img, "cv2.resize") } catch { preconditionFailure("\(error)") }
        let pixels = img.ints.map { UInt8(truncatingIfNeeded: $0) }
        let out = LinearResize.resize(pixels, width: w, height: h, channels: c, newWidth: dsize.0, newHeight: dsize.1)
        let shape = c == 1 ? [dsize.1, dsize.0] : [dsize.1, dsize.0, c]  // (rows, cols, 1) comes back 2-D, as OpenCV's
        return image(out, shape)
    }

    /// Gray value of an RGB pixel as OpenCV's PNG reader gets it from libpng
    /// (`png_set_rgb_to_gray(png, 1, 0.299, 0.587)`): libpng turns the weights into 15-bit
    /// fixed point, `9797, 19234` and `32768 - 9797 - 19234 = 3737`, and truncates:
    /// `(9797 r + 19234 g + 3737 b) >> 15` (equal channels give that value unchanged).
    static func grayscale(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let r = 9797 * Int(red), g = 19234 * Int(green), b = 3737 * Int(blue)
        return UInt8((r + g + b) >> 15)
    }

    /// `(rows, cols, channels)` of an image tensor, or why it is not one.
    static func dimensions(_ img: Tensor, _ what: String) throws -> (Int, Int, Int) {
        guard img.dtype == .uint8 else {
            throw FileError(what, "image must be uint8, not \(img.dtype)")
        }
        switch img.rank {
        case 2: return (img.shape[0], img.shape[1], 1)
        case 3 where (1...4).contains(img.shape[2]): return (img.shape[0], img.shape[1], img.shape[2])
        default: throw FileError(what, "image shape \(pyShape(img.shape)) is not (rows, cols) or (rows, cols, 1-4)")
        }
    }

    private static func image(_ pixels: [UInt8], _ shape: [Int]) -> Tensor {
        Tensor(ints: pixels.map(Int.init), shape: shape, dtype: .uint8)
    }

    /// The pixels of `png` as three colour samples (gray repeated), reordered by `order`,
    /// followed by alpha (255 where the file has none) when `alpha` is set.
    private static func samples(_ png: PNGImage, alpha: Bool,
                                _ order: (UInt8, UInt8, UInt8) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        let n = png.channels, count = png.width * png.height
        var out: [UInt8] = []
        out.reserveCapacity(count * (alpha ? 4 : 3))
        for i in 0..<count {
            let o = i * n
            let colour = n >= 3
            let (r, g, b) = colour ? (png.pixels[o], png.pixels[o + 1], png.pixels[o + 2]) : (png.pixels[o], png.pixels[o], png.pixels[o])
            let (x, y, z) = order(r, g, b)
            out.append(x); out.append(y); out.append(z)
            if alpha { out.append(n == 2 || n == 4 ? png.pixels[o + n - 1] : 255) }
        }
        return out
    }

    /// One gray sample per pixel: the gray channel, or ``grayscale(red:green:blue:)`` of colour.
    private static func gray(_ png: PNGImage) -> [UInt8] {
        let n = png.channels
        return (0..<(png.width * png.height)).map { i in
            n < 3 ? png.pixels[i * n] : grayscale(red: png.pixels[i * n], green: png.pixels[i * n + 1], blue: png.pixels[i * n + 2])
        }
    }
}
