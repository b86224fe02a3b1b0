import Foundation

/// `matplotlib.pyplot` as the book calls it: `plt.scatter(X[.., 0], X[.., 1], c: y, cmap: "brg")`,
/// `plt.plot(x, y)`, `plt.imshow(image, cmap: "gray")`, then `plt.show()`.
///
/// Calls draw into the current figure, as pyplot's do. `plt.show()` renders it to SVG (see
/// ``FigureSVG``) and hands it to the `nnfs-book` runner on its side channel, never on stdout, so
/// a cell's printed output stays the book's. Outside the runner `show()` prints nothing; with
/// `NNFS_FIGURE_DIR` set it writes `figure-N.svg` there. Either way the figure is then cleared.
///
/// Rendering is deterministic: the same calls give byte-identical SVG.
public enum plt {
    nonisolated(unsafe) static var figure = Figure()
    nonisolated(unsafe) static var shownCount = 0

    // MARK: figure and axes

    /// `plt.figure(figsize=(w, h))`: starts a new figure (inches, drawn at 100 px per inch).
    public static func figure(figsize: (Double, Double) = (6.4, 4.8)) {
        figure = Figure()
        figure.size = figsize
    }

    /// `plt.subplot(nrows, ncols, index)`: selects (creating) the subplot at 1-based `index`.
    public static func subplot(_ nrows: Int, _ ncols: Int, _ index: Int) {
        precondition(nrows > 0 && ncols > 0 && (1...nrows * ncols).contains(index), "plt.subplot: index \(index) out of range for \(nrows)x\(ncols)")
        figure.grid = (nrows, ncols)
        figure.current = index
    }

    public static func title(_ s: String) { figure.currentAxes.title = s }
    public static func suptitle(_ s: String) { figure.suptitle = s }
    public static func xlabel(_ s: String) { figure.currentAxes.xlabel = s }
    public static func ylabel(_ s: String) { figure.currentAxes.ylabel = s }
    /// `plt.legend()`: a legend of the labelled series, placed in the corner covering the least data.
    public static func legend() { figure.currentAxes.legend = true }
    public static func xlim(_ lo: Double, _ hi: Double) { figure.currentAxes.xlim = (lo, hi) }
    public static func ylim(_ lo: Double, _ hi: Double) { figure.currentAxes.ylim = (lo, hi) }

    // MARK: drawing

    /// `plt.plot(x, y, fmt)`: a line through the points. `fmt` is matplotlib's short format: a
    /// colour letter, a marker (`o . s x +`) and a line style (`- -- : -.`), e.g. `"ro"`, `"k--"`.
    /// Without a colour, successive lines take matplotlib's default colour cycle.
    public static func plot(_ x: some PlotValues, _ y: some PlotValues, _ fmt: String = "",
                            c: String? = nil, color: String? = nil, linewidth: Double = 1.5, label: String? = nil) {
        let xs = x.plotValues, ys = y.plotValues
        precondition(xs.count == ys.count, "plt.plot: x and y must have the same length (\(xs.count) and \(ys.count))")
        let f = parseFormat(fmt)
        let name = c ?? color ?? f.color
        let rgb = name.map(parseColor) ?? figure.currentAxes.nextCycleColor()
        let style: LineStyle? = f.style ?? (f.marker == nil ? .solid : nil)
        figure.currentAxes.series.append(.line(x: xs, y: ys, color: rgb, width: linewidth, style: style, marker: f.marker, label: label))
    }

    /// `plt.plot(y)`: against `0, 1, 2, ...`.
    public static func plot(_ y: some PlotValues, _ fmt: String = "", c: String? = nil, label: String? = nil) {
        let ys = y.plotValues
        plot(ys.indices.map(Double.init), ys, fmt, c: c, label: label)
    }

    /// `plt.scatter(x, y, c=..., s=..., cmap=...)`: one disc per point, `s` in points² (default
    /// 36). `c` is a colour name, or one value per point mapped through `cmap` (default viridis)
    /// between the values' minimum and maximum.
    public static func scatter(_ x: some PlotValues, _ y: some PlotValues, c: (any PlotColorSpec)? = nil,
                               s: Double = 36, cmap: String? = nil, label: String? = nil) {
        let xs = x.plotValues, ys = y.plotValues
        precondition(xs.count == ys.count, "plt.scatter: x and y must have the same length (\(xs.count) and \(ys.count))")
        let colors: ScatterColors
        switch c {
        case let name as String:
            colors = .single(parseColor(name))
        case let values as any PlotValues:
            let v = values.plotValues
            precondition(v.count == xs.count, "plt.scatter: c has \(v.count) values for \(xs.count) points")
            colors = .mapped(values: v, cmap: Colormap(cmap ?? "viridis"), vmin: v.min() ?? 0, vmax: v.max() ?? 1)
        default:
            colors = .single(figure.currentAxes.nextCycleColor())
        }
        figure.currentAxes.series.append(.scatter(x: xs, y: ys, colors: colors, size: s, label: label))
    }

    /// `plt.imshow(image, cmap=...)`: a `(rows, cols)` array through a colormap (default viridis,
    /// scaled between its minimum and maximum), or `(rows, cols, 3)` RGB (`uint8` 0-255 or floats
    /// 0-1). `extent` is `(left, right, bottom, top)` in data units (default: pixel centres at
    /// integers, row 0 at the top); `alpha` blends it over the background.
    public static func imshow(_ image: Tensor, cmap: String? = nil, extent: (Double, Double, Double, Double)? = nil,
                              origin: String = "upper", alpha: Double = 1, vmin: Double? = nil, vmax: Double? = nil) {
        precondition(image.rank == 2 || (image.rank == 3 && image.shape[2] == 3),
                     "plt.imshow: expected shape (rows, cols) or (rows, cols, 3), got \(image.shape)")
        let h = image.shape[0], w = image.shape[1]
        let values = image.doubles
        var pixels: [RGB]
        if image.rank == 3 {
            let scale = image.dtype.isInteger ? 255.0 : 1.0
            pixels = (0..<h * w).map { RGB(values[3 * $0] / scale, values[3 * $0 + 1] / scale, values[3 * $0 + 2] / scale) }
        } else {
            let map = Colormap(cmap ?? "viridis")
            let lo = vmin ?? values.min() ?? 0, hi = vmax ?? values.max() ?? 1
            pixels = values.map { map.color(hi > lo ? ($0 - lo) / (hi - lo) : 0) }
        }
        let upper = origin == "upper"
        let ext = extent ?? (-0.5, Double(w) - 0.5, upper ? Double(h) - 0.5 : -0.5, upper ? -0.5 : Double(h) - 0.5)
        figure.currentAxes.series.append(.image(Image(height: h, width: w, pixels: pixels, values: values,
                                                      channels: image.rank == 3 ? 3 : 1, cmap: image.rank == 3 ? nil : (cmap ?? "viridis"),
                                                      extent: ext, originUpper: upper, alpha: alpha)))
    }

    // MARK: output

    /// `plt.show()`: renders the figure, sends it to the runner (or writes it to
    /// `$NNFS_FIGURE_DIR/figure-N.svg`), and starts a new figure. Prints nothing.
    public static func show() {
        let f = figure
        figure = Figure()
        guard !f.isEmpty else { return }
        shownCount += 1
        let rendered = FigureSVG.render(f)
        if BookChannel.isOpen {
            BookChannel.send("figure", FigureRecord(svg: rendered, data: FigureData.text(f), alt: FigureData.alt(f)).json)
        } else if let dir = ProcessInfo.processInfo.environment["NNFS_FIGURE_DIR"], !dir.isEmpty {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("figure-\(shownCount).svg")
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try? rendered.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A figure drawn by `body` with `plt` calls, rendered, off the current figure: the current
    /// figure is set aside and restored, and a lock keeps two callers (the report writer, tests)
    /// from drawing into one figure. For tools that draw figures of their own, such as the report.
    public static func isolated(_ body: () throws -> Void) rethrows -> (svg: String, data: String, alt: String) {
        isolationLock.lock()
        defer { isolationLock.unlock() }
        let saved = figure
        defer { figure = saved }
        figure = Figure()
        try body()
        return (FigureSVG.render(figure), FigureData.text(figure), FigureData.alt(figure))
    }

    private static let isolationLock = NSRecursiveLock()

    /// The current figure as an SVG document, without showing or clearing it (for tests and tools).
    public static func svg() -> String { FigureSVG.render(figure) }
    /// The canonical text of what the current figure plots (what the runner snapshots).
    public static func dataText() -> String { FigureData.text(figure) }
    /// The current figure's one-line text alternative.
    public static func altText() -> String { FigureData.alt(figure) }
    /// `plt.close()` / `plt.clf()`: discards the current figure.
    public static func close() { figure = Figure() }

    // MARK: parsing

    static func parseColor(_ name: String) -> RGB {
        guard let c = RGB(name: name) else { preconditionFailure("plt: unknown colour '\(name)'") }
        return c
    }

    static func parseFormat(_ fmt: String) -> (color: String?, marker: Marker?, style: LineStyle?) {
        var rest = Substring(fmt)
        var style: LineStyle?
        for s in [LineStyle.dashDot, .dashed, .solid, .dotted] where rest.contains(s.rawValue) {
            style = s
            rest = Substring(rest.replacingOccurrences(of: s.rawValue, with: ""))
            break
        }
        var color: String?, marker: Marker?
        for ch in rest {
            if let m = Marker(rawValue: String(ch)) { marker = m } else if RGB(name: String(ch)) != nil { color = String(ch) } else {
                preconditionFailure("plt.plot: unknown format '\(fmt)'")
            }
        }
        return (color, marker, style)
    }
}

/// The side-channel record the runner reads (`CellFigure` on its side).
struct FigureRecord: Encodable {
    var svg: String
    var data: String
    var alt: String

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
