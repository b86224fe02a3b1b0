import Foundation

/// The canonical text of what a figure plots, and its one-line text alternative.
///
/// The text is what the runner keeps in a cell's snapshot: a change in what is plotted changes
/// it. One line per series with its kind, style and values to 7 significant digits; a series of
/// more than 500 values is written as its count, range and an FNV-1a digest of the full text
/// instead (still exact to 7 digits, and a snapshot stays small).
enum FigureData {
    static let inlineLimit = 500

    static func text(_ f: Figure) -> String {
        var lines = ["figure \(g(f.size.width))x\(g(f.size.height)) grid \(f.grid.rows)x\(f.grid.cols)"]
        if let s = f.suptitle { lines.append("suptitle " + quote(s)) }
        for index in f.axes.keys.sorted() {
            guard let a = f.axes[index] else { continue }
            var head = "axes \(index)"
            if let t = a.title { head += " title=" + quote(t) }
            if let t = a.xlabel { head += " xlabel=" + quote(t) }
            if let t = a.ylabel { head += " ylabel=" + quote(t) }
            if let l = a.xlim { head += " xlim=\(g(l.0)),\(g(l.1))" }
            if let l = a.ylim { head += " ylim=\(g(l.0)),\(g(l.1))" }
            lines.append(head)
            for s in a.series {
                switch s {
                case .line(let x, let y, let color, _, let style, let marker, let label):
                    var l = "  plot n=\(x.count) color=\(color.hex)"
                    if let style { l += " style=\(style.rawValue)" }
                    if let marker { l += " marker=\(marker.rawValue)" }
                    if let label { l += " label=" + quote(label) }
                    lines.append(l + " x=" + values(x) + " y=" + values(y))
                case .scatter(let x, let y, let colors, let size, let label):
                    var l = "  scatter n=\(x.count) s=\(g(size))"
                    switch colors {
                    case .single(let c): l += " color=\(c.hex)"
                    case .mapped(let v, let cmap, _, _): l += " cmap=\(cmap.name) c=" + values(v)
                    }
                    if let label { l += " label=" + quote(label) }
                    lines.append(l + " x=" + values(x) + " y=" + values(y))
                case .image(let im):
                    let e = im.extent
                    lines.append("  imshow \(im.height)x\(im.width)\(im.channels == 3 ? "x3" : "") cmap=\(im.cmap ?? "rgb")"
                                 + " extent=\(g(e.0)),\(g(e.1)),\(g(e.2)),\(g(e.3)) origin=\(im.originUpper ? "upper" : "lower")"
                                 + (im.alpha < 1 ? " alpha=\(g(im.alpha))" : "") + " pixels=" + values(im.values))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line describing the figure for a reader who cannot see it.
    static func alt(_ f: Figure) -> String {
        var parts: [String] = []
        if let s = f.suptitle { parts.append(s + ".") }
        for index in f.axes.keys.sorted() {
            guard let a = f.axes[index] else { continue }
            var kinds: [String] = []
            for s in a.series {
                switch s {
                case .line(let x, _, let color, _, let style, _, let label):
                    kinds.append("\(style == nil ? "points" : "line") of \(x.count) point\(x.count == 1 ? "" : "s")"
                                 + (label.map { " (\($0))" } ?? " in \(colorName(color))"))
                case .scatter(let x, _, let colors, _, let label):
                    var k = "scatter of \(x.count) point\(x.count == 1 ? "" : "s")"
                    if case .mapped(let v, let cmap, _, _) = colors {
                        k += " coloured by \(Set(v).count) value\(Set(v).count == 1 ? "" : "s") (\(cmap.name))"
                    } else if case .single(let c) = colors { k += " in \(colorName(c))" }
                    if let label { k += " (\(label))" }
                    kinds.append(k)
                case .image(let im):
                    kinds.append("\(im.height)x\(im.width) image" + (im.cmap.map { " (\($0))" } ?? " (RGB)"))
                }
            }
            let lim = FigureSVG.limits(a)
            var text = (a.title.map { $0 + ": " } ?? "") + (kinds.isEmpty ? "empty axes" : kinds.joined(separator: ", "))
            text += "; x from \(short(min(lim.x.0, lim.x.1))) to \(short(max(lim.x.0, lim.x.1)))"
            text += ", y from \(short(min(lim.y.0, lim.y.1))) to \(short(max(lim.y.0, lim.y.1)))"
            if let xl = a.xlabel { text += ", x: \(xl)" }
            if let yl = a.ylabel { text += ", y: \(yl)" }
            parts.append(text.prefix(1).uppercased() + text.dropFirst() + ".")
        }
        return parts.joined(separator: " ")
    }

    static func colorName(_ c: RGB) -> String {
        let names: [(String, String)] = [("#1f77b4", "blue"), ("#ff7f0e", "orange"), ("#2ca02c", "green"), ("#d62728", "red"),
                                         ("#9467bd", "purple"), ("#8c564b", "brown"), ("#e377c2", "pink"), ("#7f7f7f", "grey"),
                                         ("#bcbd22", "olive"), ("#17becf", "cyan"), ("#0000ff", "blue"), ("#008000", "green"),
                                         ("#ff0000", "red"), ("#00bfbf", "cyan"), ("#bf00bf", "magenta"), ("#bfbf00", "yellow"),
                                         ("#000000", "black"), ("#ffffff", "white")]
        return names.first { $0.0 == c.hex }?.1 ?? c.hex
    }

    static func values(_ v: [Double]) -> String {
        let text = v.map(g).joined(separator: ",")
        guard v.count > inlineLimit else { return "[" + text + "]" }
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let finite = v.filter(\.isFinite)
        return "{n=\(v.count) min=\(g(finite.min() ?? .nan)) max=\(g(finite.max() ?? .nan)) first=\(g(v[0])) last=\(g(v[v.count - 1])) fnv1a=\(String(hash, radix: 16))}"
    }

    /// `%.7g`, with `-0` written as `0`.
    static func g(_ v: Double) -> String {
        let s = String(format: "%.7g", v)
        return s == "-0" ? "0" : s
    }

    static func short(_ v: Double) -> String {
        let s = String(format: "%.3g", v)
        return s == "-0" ? "0" : s
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
