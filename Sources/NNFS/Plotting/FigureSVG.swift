import Foundation

/// Draws a ``Figure`` as a standalone SVG document in matplotlib's default style: 100 px per inch,
/// DejaVu Sans 10 pt labels, 0.8 pt black spines, outward ticks, 5 % data margins, equal aspect
/// for images, the `tab10` line cycle. Coordinates are written with two decimals, so the same
/// figure always gives the same bytes. Element ids start with `nnfsfig-` so a page that embeds
/// several figures can make them unique.
enum FigureSVG {
    /// Pixels per point at 100 dpi.
    static let pt = 100.0 / 72.0

    static func render(_ f: Figure) -> String {
        let w = f.size.width * 100, h = f.size.height * 100
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(num(w))\" height=\"\(num(h))\" viewBox=\"0 0 \(num(w)) \(num(h))\""
        out += " font-family=\"DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif\" font-size=\"\(num(10 * pt))\">\n"
        out += "<title>\(xml(FigureData.alt(f)))</title>\n"
        out += "<rect width=\"\(num(w))\" height=\"\(num(h))\" fill=\"#ffffff\"/>\n"
        if let s = f.suptitle {
            out += "<text x=\"\(num(w / 2))\" y=\"\(num(0.02 * h + 12 * pt * 0.8))\" text-anchor=\"middle\" font-size=\"\(num(12 * pt))\">\(xml(s))</text>\n"
        }
        let (rows, cols) = f.grid
        // matplotlib's subplot spacing (wspace = hspace = 0.2), with more room between rows so a
        // row's titles clear the tick labels above them (matplotlib needs tight_layout for that)
        let hspace = 0.4
        let cellW = 0.775 * w / (Double(cols) + 0.2 * Double(cols - 1))
        let cellH = 0.77 * h / (Double(rows) + hspace * Double(rows - 1))
        for index in f.axes.keys.sorted() {
            guard let axes = f.axes[index] else { continue }
            let r = (index - 1) / cols, c = (index - 1) % cols
            let box = Box(x: 0.125 * w + Double(c) * cellW * 1.2, y: 0.12 * h + Double(r) * cellH * (1 + hspace), w: cellW, h: cellH)
            out += renderAxes(axes, in: box, id: "nnfsfig-\(index)")
        }
        return out + "</svg>\n"
    }

    struct Box { var x, y, w, h: Double }

    /// The data limits (`x`: left, right; `y`: bottom, top as drawn) and whether aspect is equal.
    static func limits(_ a: Axes) -> (x: (Double, Double), y: (Double, Double), equal: Bool) {
        var xs: [Double] = [], ys: [Double] = []
        var imageX: (Double, Double)?, imageY: (Double, Double)?
        for s in a.series {
            switch s {
            case .line(let x, let y, _, _, _, _, _), .scatter(let x, let y, _, _, _):
                xs += x.filter(\.isFinite); ys += y.filter(\.isFinite)
            case .image(let im):
                let (l, r, b, t) = im.extent
                imageX = imageX.map { (min($0.0, l, r), max($0.1, l, r)) } ?? (min(l, r), max(l, r))
                imageY = imageY.map { (min($0.0, b, t), max($0.1, b, t)) } ?? (min(b, t), max(b, t))
                if im.originUpper && b > t { imageY = (max(b, t), min(b, t)) }
            }
        }
        func span(_ v: [Double], sticky: (Double, Double)?) -> (Double, Double) {
            if let s = sticky {
                let lo = min(s.0, s.1, v.min() ?? .infinity), hi = max(s.0, s.1, v.max() ?? -.infinity)
                return s.0 <= s.1 ? (lo, hi) : (hi, lo)
            }
            guard var lo = v.min(), var hi = v.max() else { return (0, 1) }
            if hi - lo == 0 { lo -= lo == 0 ? 0.055 : abs(lo) * 0.055; hi += hi == 0 ? 0.055 : abs(hi) * 0.055 }
            let m = (hi - lo) * 0.05
            return (lo - m, hi + m)
        }
        let x = a.xlim ?? span(xs, sticky: imageX)
        let y = a.ylim ?? span(ys, sticky: imageY)
        return (x, y, imageX != nil)
    }

    static func renderAxes(_ a: Axes, in outer: Box, id: String) -> String {
        let lim = limits(a)
        var box = outer
        if lim.equal {
            let dx = abs(lim.x.1 - lim.x.0), dy = abs(lim.y.1 - lim.y.0)
            let s = min(outer.w / dx, outer.h / dy)
            box = Box(x: outer.x + (outer.w - s * dx) / 2, y: outer.y + (outer.h - s * dy) / 2, w: s * dx, h: s * dy)
        }
        let px = { (x: Double) in box.x + box.w * (x - lim.x.0) / (lim.x.1 - lim.x.0) }
        let py = { (y: Double) in box.y + box.h * (1 - (y - lim.y.0) / (lim.y.1 - lim.y.0)) }
        var out = "<g id=\"\(id)\">\n<clipPath id=\"\(id)-clip\"><rect x=\"\(num(box.x))\" y=\"\(num(box.y))\" width=\"\(num(box.w))\" height=\"\(num(box.h))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#\(id)-clip)\">\n"
        let ordered = a.series.enumerated().sorted { ($0.element.zorder, $0.offset) < ($1.element.zorder, $1.offset) }
        for (_, s) in ordered { out += series(s, px: px, py: py) }
        out += "</g>\n"
        // spines, ticks and tick labels
        out += "<rect x=\"\(num(box.x))\" y=\"\(num(box.y))\" width=\"\(num(box.w))\" height=\"\(num(box.h))\" fill=\"none\" stroke=\"#000000\" stroke-width=\"\(num(0.8 * pt))\"/>\n"
        let tick = 3.5 * pt, pad = 3.5 * pt, font = 10 * pt
        let xt = Ticks.locate(min(lim.x.0, lim.x.1), max(lim.x.0, lim.x.1), nbins: min(9, max(1, Int((box.w / pt / 30).rounded(.down)))))
        let yt = Ticks.locate(min(lim.y.0, lim.y.1), max(lim.y.0, lim.y.1), nbins: min(9, max(1, Int((box.h / pt / 20).rounded(.down)))))
        let xl = Ticks.labels(xt), yl = Ticks.labels(yt)
        var ticks = "", labels = ""
        let bottom = box.y + box.h
        for (v, s) in zip(xt, xl) {
            let x = px(v)
            ticks += "M\(num(x)) \(num(bottom))v\(num(tick))"
            labels += "<text x=\"\(num(x))\" y=\"\(num(bottom + tick + pad + font * 0.76))\" text-anchor=\"middle\">\(xml(s))</text>\n"
        }
        for (v, s) in zip(yt, yl) {
            let y = py(v)
            ticks += "M\(num(box.x)) \(num(y))h\(num(-tick))"
            labels += "<text x=\"\(num(box.x - tick - pad))\" y=\"\(num(y + font * 0.36))\" text-anchor=\"end\">\(xml(s))</text>\n"
        }
        if !ticks.isEmpty { out += "<path d=\"\(ticks)\" stroke=\"#000000\" stroke-width=\"\(num(0.8 * pt))\"/>\n" }
        out += labels
        if let t = a.title {
            out += "<text x=\"\(num(box.x + box.w / 2))\" y=\"\(num(box.y - 6 * pt))\" text-anchor=\"middle\" font-size=\"\(num(12 * pt))\">\(xml(t))</text>\n"
        }
        if let t = a.xlabel {
            out += "<text x=\"\(num(box.x + box.w / 2))\" y=\"\(num(bottom + tick + pad + font + 4 * pt + font * 0.76))\" text-anchor=\"middle\">\(xml(t))</text>\n"
        }
        if let t = a.ylabel {
            let widest = yl.map(textWidth).max() ?? 0
            let x = box.x - tick - pad - widest - 4 * pt - font * 0.24
            out += "<text transform=\"translate(\(num(x)) \(num(box.y + box.h / 2))) rotate(-90)\" text-anchor=\"middle\">\(xml(t))</text>\n"
        }
        if a.legend { out += legend(a, box: box, px: px, py: py) }
        return out + "</g>\n"
    }

    static func series(_ s: Series, px: (Double) -> Double, py: (Double) -> Double) -> String {
        switch s {
        case .line(let x, let y, let color, let width, let style, let marker, _):
            var out = ""
            let points = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { (px($0.0), py($0.1)) }
            if let style, points.count > 1 {
                let simple = simplify(points, tolerance: 0.1)
                let d = "M" + simple.map { "\(num($0.0)) \(num($0.1))" }.joined(separator: "L")
                out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(num(width * pt))\" stroke-linejoin=\"round\" stroke-linecap=\"square\"\(dash(style, width: width))/>\n"
            }
            if let marker {
                let r = (marker == .point ? 3 : 6) * pt / 2
                out += "<g fill=\"\(color.hex)\">" + points.map { "<circle cx=\"\(num($0.0))\" cy=\"\(num($0.1))\" r=\"\(num(r))\"/>" }.joined() + "</g>\n"
            }
            return out
        case .scatter(let x, let y, let colors, let size, _):
            let r = size.squareRoot() * pt / 2
            var out = "<g>"
            for i in x.indices where x[i].isFinite && y[i].isFinite {
                out += "<circle cx=\"\(num(px(x[i])))\" cy=\"\(num(py(y[i])))\" r=\"\(num(r))\" fill=\"\(colors.color(at: i).hex)\"/>"
            }
            return out + "</g>\n"
        case .image(let im):
            let (l, r, b, t) = im.extent
            var out = "<g shape-rendering=\"crispEdges\"\(im.alpha < 1 ? " opacity=\"\(num(im.alpha))\"" : "")>"
            for row in 0..<im.height {
                // row 0 is drawn at `top` with origin "upper", at `bottom` otherwise
                let (y0, y1) = im.originUpper
                    ? (t + (b - t) * Double(row) / Double(im.height), t + (b - t) * Double(row + 1) / Double(im.height))
                    : (b + (t - b) * Double(row) / Double(im.height), b + (t - b) * Double(row + 1) / Double(im.height))
                var col = 0
                while col < im.width {
                    let c = im.pixels[row * im.width + col]
                    var end = col + 1
                    while end < im.width && im.pixels[row * im.width + end].hex == c.hex { end += 1 }
                    let xa = px(l + (r - l) * Double(col) / Double(im.width)), xb = px(l + (r - l) * Double(end) / Double(im.width))
                    let ya = py(y0), yb = py(y1)
                    out += "<rect x=\"\(num(min(xa, xb)))\" y=\"\(num(min(ya, yb)))\" width=\"\(num(abs(xb - xa)))\" height=\"\(num(abs(yb - ya)))\" fill=\"\(c.hex)\"/>"
                    col = end
                }
            }
            return out + "</g>\n"
        }
    }

    static func dash(_ style: LineStyle, width: Double) -> String {
        let pattern: [Double]
        switch style {
        case .solid: return ""
        case .dashed: pattern = [3.7, 1.6]
        case .dotted: pattern = [1, 1.65]
        case .dashDot: pattern = [6.4, 1.6, 1, 1.6]
        }
        return " stroke-dasharray=\"" + pattern.map { num($0 * width * pt) }.joined(separator: " ") + "\""
    }

    /// A legend of the labelled series in the corner that covers the fewest data points.
    static func legend(_ a: Axes, box: Box, px: (Double) -> Double, py: (Double) -> Double) -> String {
        var entries: [(String, Series)] = []
        for s in a.series {
            switch s {
            case .line(_, _, _, _, _, _, let label?), .scatter(_, _, _, _, let label?): entries.append((label, s))
            default: continue
            }
        }
        guard !entries.isEmpty else { return "" }
        let font = 10 * pt, row = font * 1.25, handle = 2 * font
        let w = handle + font * 1.2 + (entries.map { textWidth($0.0) }.max() ?? 0) + font * 0.8
        let h = Double(entries.count) * row + font * 0.6
        let inset = 0.5 * font
        let corners = [(box.x + box.w - w - inset, box.y + inset), (box.x + inset, box.y + inset),
                       (box.x + inset, box.y + box.h - h - inset), (box.x + box.w - w - inset, box.y + box.h - h - inset)]
        var points: [(Double, Double)] = []
        for s in a.series {
            if case .line(let x, let y, _, _, _, _, _) = s { points += zip(x, y).map { (px($0.0), py($0.1)) } }
            if case .scatter(let x, let y, _, _, _) = s { points += zip(x, y).map { (px($0.0), py($0.1)) } }
        }
        let covered = corners.map { c in points.filter { $0.0 >= c.0 && $0.0 <= c.0 + w && $0.1 >= c.1 && $0.1 <= c.1 + h }.count }
        let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
        let (x0, y0) = corners[best]
        var out = "<g><rect x=\"\(num(x0))\" y=\"\(num(y0))\" width=\"\(num(w))\" height=\"\(num(h))\" rx=\"\(num(0.2 * font))\" fill=\"#ffffff\" fill-opacity=\"0.8\" stroke=\"#cccccc\"/>\n"
        for (i, (label, s)) in entries.enumerated() {
            let cy = y0 + font * 0.3 + row * (Double(i) + 0.5)
            let hx = x0 + font * 0.4
            switch s {
            case .line(_, _, let color, let width, let style, let marker, _):
                if let style {
                    out += "<path d=\"M\(num(hx)) \(num(cy))h\(num(handle))\" stroke=\"\(color.hex)\" stroke-width=\"\(num(width * pt))\"\(dash(style, width: width))/>"
                }
                if let marker { out += "<circle cx=\"\(num(hx + handle / 2))\" cy=\"\(num(cy))\" r=\"\(num((marker == .point ? 3 : 6) * pt / 2))\" fill=\"\(color.hex)\"/>" }
            case .scatter(_, _, let colors, let size, _):
                out += "<circle cx=\"\(num(hx + handle / 2))\" cy=\"\(num(cy))\" r=\"\(num(size.squareRoot() * pt / 2))\" fill=\"\(colors.color(at: 0).hex)\"/>"
            case .image: break
            }
            out += "<text x=\"\(num(hx + handle + font * 0.8))\" y=\"\(num(cy + font * 0.36))\">\(xml(label))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Ramer-Douglas-Peucker in pixel space: drops points that lie within `tolerance` px of the
    /// line through their kept neighbours (matplotlib simplifies paths the same way, at 1/9 px).
    static func simplify(_ p: [(Double, Double)], tolerance: Double) -> [(Double, Double)] {
        guard p.count > 2 else { return p }
        var keep = [Bool](repeating: false, count: p.count)
        keep[0] = true; keep[p.count - 1] = true
        var stack = [(0, p.count - 1)]
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let (ax, ay) = p[a], (bx, by) = p[b]
            let dx = bx - ax, dy = by - ay, len = (dx * dx + dy * dy).squareRoot()
            var worst = -1.0, at = a
            for i in (a + 1)..<b {
                let d = len > 0 ? abs(dy * (p[i].0 - ax) - dx * (p[i].1 - ay)) / len : ((p[i].0 - ax) * (p[i].0 - ax) + (p[i].1 - ay) * (p[i].1 - ay)).squareRoot()
                if d > worst { worst = d; at = i }
            }
            if worst > tolerance { keep[at] = true; stack.append((a, at)); stack.append((at, b)) }
        }
        return p.indices.filter { keep[$0] }.map { p[$0] }
    }

    /// Approximate width of `s` in DejaVu Sans 10 pt (digits are 0.636 em), for placing the y label.
    static func textWidth(_ s: String) -> Double {
        s.reduce(0.0) { w, ch in w + (ch == "." || ch == "," ? 0.318 : ch == "\u{2212}" ? 0.838 : ch == " " ? 0.318 : 0.636) } * 10 * pt
    }

    /// A coordinate with at most two decimals, no trailing zeros.
    static func num(_ v: Double) -> String {
        var s = String(format: "%.2f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if ch.value >= 0x20 || ch == "\t" { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
