/// What a figure holds, before it is drawn: matplotlib's object model cut to what the book uses.
/// Everything is plain values, so a figure's SVG and data text depend on nothing else.
struct Figure {
    /// Size in inches, drawn at 100 px per inch (matplotlib's defaults: 6.4 x 4.8 at 100 dpi).
    var size: (width: Double, height: Double) = (6.4, 4.8)
    var grid: (rows: Int, cols: Int) = (1, 1)
    /// Axes by 1-based subplot index.
    var axes: [Int: Axes] = [:]
    var current = 1
    var suptitle: String?

    var currentAxes: Axes {
        get { axes[current] ?? Axes() }
        set { axes[current] = newValue }
    }

    var isEmpty: Bool { axes.values.allSatisfy(\.series.isEmpty) && suptitle == nil }
}

struct Axes {
    var series: [Series] = []
    var title: String?
    var xlabel: String?
    var ylabel: String?
    var legend = false
    var xlim: (Double, Double)?
    var ylim: (Double, Double)?
    /// How many `plot` lines took a colour from the cycle (matplotlib's per-axes cycler).
    var cycleIndex = 0

    mutating func nextCycleColor() -> RGB {
        defer { cycleIndex += 1 }
        return RGB.cycle[cycleIndex % RGB.cycle.count]
    }
}

enum Marker: String { case circle = "o", point = ".", square = "s", cross = "x", plus = "+" }
enum LineStyle: String { case solid = "-", dashed = "--", dotted = ":", dashDot = "-." }

enum Series {
    /// `plt.plot`: a polyline and/or markers at the points.
    case line(x: [Double], y: [Double], color: RGB, width: Double, style: LineStyle?, marker: Marker?, label: String?)
    /// `plt.scatter`: one disc per point, coloured by one colour or by values through a colormap.
    case scatter(x: [Double], y: [Double], colors: ScatterColors, size: Double, label: String?)
    /// `plt.imshow`: rows of pixels already mapped to colours, drawn over `extent`.
    case image(Image)

    var zorder: Int {
        switch self {
        case .image: return 0
        case .scatter: return 1
        case .line: return 2
        }
    }
}

enum ScatterColors {
    case single(RGB)
    case mapped(values: [Double], cmap: Colormap, vmin: Double, vmax: Double)

    func color(at i: Int) -> RGB {
        switch self {
        case .single(let c): return c
        case .mapped(let v, let cmap, let lo, let hi): return cmap.color(hi > lo ? (v[i] - lo) / (hi - lo) : 0)
        }
    }
}

struct Image {
    var height: Int, width: Int
    /// Row-major, `height * width` colours (row 0 at the top with `origin: "upper"`).
    var pixels: [RGB]
    /// The values the pixels were made from (for the figure's data text): grey levels or RGB.
    var values: [Double]
    var channels: Int
    var cmap: String?
    /// `(left, right, bottom, top)` in data coordinates.
    var extent: (Double, Double, Double, Double)
    var originUpper: Bool
    var alpha: Double
}
