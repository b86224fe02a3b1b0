import Foundation

/// An sRGB colour with components in 0...1.
public struct RGB: Equatable, Sendable {
    public var r: Double, g: Double, b: Double

    public init(_ r: Double, _ g: Double, _ b: Double) { (self.r, self.g, self.b) = (r, g, b) }

    /// `#rrggbb`, each component rounded as matplotlib's `to_hex` does.
    public var hex: String {
        func byte(_ v: Double) -> Int { Int((min(1, max(0, v)) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", byte(r), byte(g), byte(b))
    }

    /// matplotlib's single-letter colours, `tab:` names and `#rrggbb`; nil for anything else.
    public init?(name: String) {
        let letters: [String: RGB] = [
            "b": RGB(0, 0, 1), "g": RGB(0, 0.5, 0), "r": RGB(1, 0, 0), "c": RGB(0, 0.75, 0.75),
            "m": RGB(0.75, 0, 0.75), "y": RGB(0.75, 0.75, 0), "k": RGB(0, 0, 0), "w": RGB(1, 1, 1),
            "black": RGB(0, 0, 0), "white": RGB(1, 1, 1), "red": RGB(1, 0, 0), "blue": RGB(0, 0, 1),
            "green": RGB(0, 0.5, 0), "gray": RGB(0.5, 0.5, 0.5), "grey": RGB(0.5, 0.5, 0.5),
        ]
        if let c = letters[name] { self = c; return }
        let tab = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink",
                   "tab:gray", "tab:olive", "tab:cyan"]
        if let i = tab.firstIndex(of: name) { self = RGB.cycle[i]; return }
        if name.count == 7, name.hasPrefix("#"), let v = Int(name.dropFirst(), radix: 16) {
            self = RGB(Double(v >> 16 & 255) / 255, Double(v >> 8 & 255) / 255, Double(v & 255) / 255)
            return
        }
        if name.hasPrefix("C"), let i = Int(name.dropFirst()) { self = RGB.cycle[i % 10]; return }
        return nil
    }

    init(hex v: Int) { self.init(Double(v >> 16 & 255) / 255, Double(v >> 8 & 255) / 255, Double(v & 255) / 255) }

    /// matplotlib's default property cycle (`tab10`): the colours of successive `plot` calls.
    public static let cycle: [RGB] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
                                      0x7f7f7f, 0xbcbd22, 0x17becf].map { RGB(hex: $0) }
}

/// A colormap as matplotlib builds one: 256 entries sampled from piecewise-linear segments, looked
/// up at `Int(x * 256)` clipped to 255 (so `0.5` in `brg` is `#fe0100`, as matplotlib draws it).
public struct Colormap: Sendable {
    public let name: String
    let lut: [RGB]

    /// `brg`, `gray`, `gray_r`, `binary` and `viridis` (matplotlib's default).
    public init(_ name: String) {
        switch name {
        case "brg": self.init(name: name, anchors: [(0, RGB(0, 0, 1)), (0.5, RGB(1, 0, 0)), (1, RGB(0, 1, 0))])
        case "gray", "grey": self.init(name: name, anchors: [(0, RGB(0, 0, 0)), (1, RGB(1, 1, 1))])
        case "gray_r", "binary": self.init(name: name, anchors: [(0, RGB(1, 1, 1)), (1, RGB(0, 0, 0))])
        case "viridis": self.init(name: name, anchors: Colormap.viridisAnchors)
        default: preconditionFailure("plt: unknown colormap '\(name)' (known: brg, gray, gray_r, binary, viridis)")
        }
    }

    init(name: String, anchors: [(Double, RGB)]) {
        self.name = name
        lut = (0..<256).map { i in
            let x = Double(i) / 255
            let k = max(1, anchors.firstIndex { $0.0 >= x } ?? anchors.count - 1)
            let (x0, c0) = anchors[k - 1], (x1, c1) = anchors[k]
            let t = x1 > x0 ? (x - x0) / (x1 - x0) : 0
            return RGB(c0.r + (c1.r - c0.r) * t, c0.g + (c1.g - c0.g) * t, c0.b + (c1.b - c0.b) * t)
        }
    }

    /// The colour for `x` in 0...1 (values outside are clipped, as matplotlib's under/over default).
    public func color(_ x: Double) -> RGB {
        guard x.isFinite else { return lut[0] }
        return lut[min(255, max(0, Int((x * 256).rounded(.down))))]
    }

    /// viridis at entries 0, 32, ..., 224 and 255 of matplotlib's 256-entry table; between them it is
    /// interpolated linearly (within about one level per channel of matplotlib's table).
    static let viridisAnchors: [(Double, RGB)] = [
        (0, RGB(0.267004, 0.004874, 0.329415)), (32.0 / 255, RGB(0.278826, 0.17549, 0.483397)),
        (64.0 / 255, RGB(0.229739, 0.322361, 0.545706)), (96.0 / 255, RGB(0.172719, 0.448791, 0.557885)),
        (128.0 / 255, RGB(0.127568, 0.566949, 0.550556)), (160.0 / 255, RGB(0.157851, 0.683765, 0.501686)),
        (192.0 / 255, RGB(0.369214, 0.788888, 0.382914)), (224.0 / 255, RGB(0.678489, 0.863742, 0.189503)),
        (1, RGB(0.993248, 0.906157, 0.143936)),
    ]
}
