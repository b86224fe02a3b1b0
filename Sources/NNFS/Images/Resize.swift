/// `cv2.resize(src, (w, h))` with `INTER_LINEAR` on 8-bit images, reproducing OpenCV's fixed-point
/// arithmetic bit for bit (checked against `opencv-python-headless` fixtures).
///
/// Numerical contract (OpenCV's `hal::resize` for `CV_8U`, in our own words):
/// - Same size: a copy. Exactly half the size in both directions: OpenCV switches to its "area"
///   path, each output pixel is `(a + b + c + d + 2) >> 2` of its 2x2 block.
/// - Otherwise, per axis, `scale = 1 / (Double(dst) / Double(src))`; for output index `d` the source
///   position is `f = Float((d + 0.5) * scale - 0.5)`, `s = floor(f)`, `f -= s`; the weights are
///   `round(2048 * (1 - f))` and `round(2048 * f)` (each rounded half-to-even on its own, so they may
///   not sum to 2048). Horizontally, positions left of the image clamp to `s = 0, f = 0` and from the
///   first position with `s + 1 >= width` on, the pixel `src[min(s, width - 1)] * 2048` is taken;
///   vertically the two rows are `s` and `s + 1`, each clamped into the image.
/// - A horizontal pass gives exact integers `h = p0 * a0 + p1 * a1`; the vertical pass gives
///   `((b0 * (h0 >> 4)) >> 16) + ((b1 * (h1 >> 4)) >> 16) + 2) >> 2`.
enum LinearResize {
    struct Axis {
        var offsets: [Int]
        var weights: [(Int, Int)]
        /// The first output index whose right neighbour would fall outside the source.
        var limit: Int
    }

    /// Source offsets and fixed-point weights along one axis (`clampsOutside`: the horizontal rule
    /// that moves positions left of the image to the first pixel).
    static func axis(source: Int, destination: Int, clampsOutside: Bool) -> Axis {
        let scale = 1.0 / (Double(destination) / Double(source))
        var offsets: [Int] = [], weights: [(Int, Int)] = []
        var limit = destination
        offsets.reserveCapacity(destination)
        weights.reserveCapacity(destination)
        for d in 0..<destination {
            var f = Float((Double(d) + 0.5) * scale - 0.5)
            var s = Int(f.rounded(.down))
            f -= Float(s)
            if clampsOutside {
                if s < 0 { s = 0; f = 0 }
                if s + 1 >= source {
                    limit = min(limit, d)
                    s = source - 1
                    f = 0
                }
            }
            offsets.append(s)
            weights.append((fixed(1 - f), fixed(f)))
        }
        return Axis(offsets: offsets, weights: weights, limit: limit)
    }

    /// `saturate_cast<short>(w * 2048)`: round half to even.
    private static func fixed(_ w: Float) -> Int { Int((w * 2048).rounded(.toNearestOrEven)) }

    /// Resizes `pixels` (`height` x `width` x `channels`, row-major, interleaved) to `newWidth` x `newHeight`.
    static func resize(_ pixels: [UInt8], width: Int, height: Int, channels cn: Int, newWidth: Int, newHeight: Int) -> [UInt8] {
        if newWidth == width && newHeight == height { return pixels }
        let scaleX = 1.0 / (Double(newWidth) / Double(width)), scaleY = 1.0 / (Double(newHeight) / Double(height))
        if abs(scaleX - 2) < Double.ulpOfOne && abs(scaleY - 2) < Double.ulpOfOne {
            return halve(pixels, width: width, channels: cn, newWidth: newWidth, newHeight: newHeight)
        }
        let xs = axis(source: width, destination: newWidth, clampsOutside: true)
        let ys = axis(source: height, destination: newHeight, clampsOutside: false)
        // One horizontally resized row, in fixed point (scaled by 2048).
        func horizontal(_ row: Int) -> [Int] {
            var out = [Int](repeating: 0, count: newWidth * cn)
            let base = row * width * cn
            for d in 0..<newWidth {
                let s = base + xs.offsets[d] * cn
                for c in 0..<cn {
                    if d < xs.limit {
                        out[d * cn + c] = Int(pixels[s + c]) * xs.weights[d].0 + Int(pixels[s + cn + c]) * xs.weights[d].1
                    } else {
                        out[d * cn + c] = Int(pixels[s + c]) * 2048
                    }
                }
            }
            return out
        }
        // Source rows are visited in non-decreasing order: keep the last two computed.
        var recent: [(index: Int, values: [Int])] = []
        func row(_ r: Int) -> [Int] {
            let clamped = min(max(r, 0), height - 1)
            if let hit = recent.first(where: { $0.index == clamped }) { return hit.values }
            let computed = horizontal(clamped)
            recent.append((clamped, computed))
            if recent.count > 2 { recent.removeFirst() }
            return computed
        }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * cn)
        for d in 0..<newHeight {
            let s = ys.offsets[d]
            let (b0, b1) = ys.weights[d]
            let h0 = row(s), h1 = row(s + 1)
            for k in 0..<(newWidth * cn) {
                let v = ((b0 * (h0[k] >> 4)) >> 16) + ((b1 * (h1[k] >> 4)) >> 16) + 2
                out[d * newWidth * cn + k] = UInt8(clamping: v >> 2)
            }
        }
        return out
    }

    /// OpenCV's "area" average for an exact halving: `(sum of the 2x2 block + 2) >> 2`.
    private static func halve(_ pixels: [UInt8], width: Int, channels cn: Int, newWidth: Int, newHeight: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * cn)
        let stride = width * cn
        for y in 0..<newHeight {
            for x in 0..<newWidth {
                for c in 0..<cn {
                    let p = 2 * y * stride + 2 * x * cn + c
                    let sum = Int(pixels[p]) + Int(pixels[p + cn]) + Int(pixels[p + stride]) + Int(pixels[p + stride + cn])
                    out[(y * newWidth + x) * cn + c] = UInt8((sum + 2) >> 2)
                }
            }
        }
        return out
    }
}
