import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import NNFS

// What matplotlib draws, from scripts/fixtures/matplotlib_plotting.py (matplotlib 3.11).
@Suite("plt: matplotlib's ticks and colours, well-formed deterministic SVG")
struct PlottingTests {
    @Test(arguments: [
        (-1.1, 1.1, ["−1.00", "−0.75", "−0.50", "−0.25", "0.00", "0.25", "0.50", "0.75", "1.00"]),
        (-0.24995, 5.24895, ["0", "1", "2", "3", "4", "5"]),
        (-0.05, 1.05, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (0.3, 0.55, ["0.30", "0.35", "0.40", "0.45", "0.50", "0.55"]),
        (-500, 10500, ["0", "2000", "4000", "6000", "8000", "10000"]),
        (-0.5, 27.5, ["0", "5", "10", "15", "20", "25"]),
    ])
    func ticksMatchMatplotlib(lo: Double, hi: Double, expected: [String]) {
        #expect(Ticks.labels(Ticks.locate(lo, hi, nbins: 9)) == expected)
    }

    @Test func colormapsMatchMatplotlib() {
        #expect(Colormap("brg").color(0).hex == "#0000ff")
        #expect(Colormap("brg").color(0.5).hex == "#fe0100")
        #expect(Colormap("brg").color(1).hex == "#00ff00")
        #expect(Colormap("gray").color(0.5).hex == "#808080")
        #expect(Colormap("viridis").color(0).hex == "#440154")
        // between anchors viridis is interpolated: within 2 levels of matplotlib's #355f8d, #69cd5b
        #expect(close(Colormap("viridis").color(0.3), RGB(name: "#355f8d")!))
        #expect(close(Colormap("viridis").color(0.77), RGB(name: "#69cd5b")!))
        #expect(RGB.cycle[1].hex == "#ff7f0e")
    }

    func close(_ a: RGB, _ b: RGB) -> Bool {
        abs(a.r - b.r) <= 2.0 / 255 && abs(a.g - b.g) <= 2.0 / 255 && abs(a.b - b.b) <= 2.0 / 255
    }

    /// The book's Fig 3.06: the spiral data coloured by class.
    func spiralFigure() -> (svg: String, data: String, alt: String) {
        let (X, y) = NNFSDatasets.spiral(samples: 100, classes: 3, floatType: .float32, rng: RandomState(seed: 0))
        return plt.isolated { plt.scatter(X[..., 0], X[..., 1], c: y, cmap: "brg") }
    }

    @Test func scatterIsWellFormedDeterministicSVG() throws {
        do {
            let a = spiralFigure(), b = spiralFigure()
            #expect(a.svg == b.svg && a.data == b.data)
            let parser = XMLParser(data: Data(a.svg.utf8))
            #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
            #expect(a.svg.components(separatedBy: "<circle").count - 1 == 300)
            #expect(a.svg.contains("fill=\"#0000ff\"") && a.svg.contains("fill=\"#fe0100\"") && a.svg.contains("fill=\"#00ff00\""))
            #expect(a.svg.contains(">−1.00</text>") && a.svg.contains(">0.75</text>"))
            #expect(a.data.hasPrefix("figure 6.4x4.8 grid 1x1\naxes 1\n  scatter n=300 s=36 cmap=brg c=[0,0,0,"))
            #expect(a.alt == "Scatter of 300 points coloured by 3 values (brg); x from -1.08 to 1.07, y from -1.03 to 1.03.")
            #expect(a.svg.contains("<title>\(a.alt)</title>"))
        }
    }

    @Test func lineFormatsCycleAndLegend() throws {
        _ = try plt.isolated {
            let x = (0..<5000).map { Double($0) * 0.001 }
            plt.plot(x, x.map { 2 * $0 * $0 }, label: "f(x)")
            plt.plot([1.1, 2.0, 2.9], [0.8, 8.0, 15.2], "k--", label: "tangent")
            plt.scatter(2, 8, c: "r")
            plt.title("2x² & its tangent")
            plt.xlabel("x"); plt.legend()
            let svg = plt.svg()
            #expect(XMLParser(data: Data(svg.utf8)).parse())
            #expect(svg.contains("stroke=\"#1f77b4\""))  // first line: first cycle colour
            #expect(
                svg.contains(
                    "stroke=\"#000000\" stroke-width=\"2.08\" stroke-linejoin=\"round\" stroke-linecap=\"square\" stroke-dasharray=\"7.71 3.33\""
                ))
            #expect(svg.contains(">2x² &amp; its tangent</text>"))
            #expect(svg.contains(">tangent</text>"))
            // a 5000-point parabola simplifies to far fewer path vertices, and the data text to a digest
            let path = try #require(svg.components(separatedBy: "<path d=\"M").dropFirst().first)
            #expect(path.components(separatedBy: "L").count < 600)
            let data = plt.dataText()
            #expect(data.contains("plot n=5000 color=#1f77b4 style=- label=\"f(x)\" x={n=5000 min=0 max=4.999 first=0 last=4.999 fnv1a="))
            #expect(data.contains("plot n=3 color=#000000 style=-- label=\"tangent\" x=[1.1,2,2.9] y=[0.8,8,15.2]"))
            #expect(data.contains("scatter n=1 s=36 color=#ff0000 x=[2] y=[8]"))
        }
    }

    @Test func imshowKeepsSquarePixelsAndMergesRuns() throws {
        _ = try plt.isolated {
            var pixels = [Double](repeating: 0, count: 28 * 28)
            for i in 0..<28 { pixels[i * 28 + i] = 255 }
            plt.imshow(Tensor(float64: pixels, shape: [28, 28]), cmap: "gray")
            let svg = plt.svg()
            #expect(XMLParser(data: Data(svg.utf8)).parse())
            // equal aspect: the axes box is square (its clip rectangle)
            let clip = try #require(svg.components(separatedBy: "<clipPath").dropFirst().first)
            #expect(clip.contains("width=\"369.6\" height=\"369.6\""))
            // one rect per run of equal pixels: the white diagonal splits each row into at most 3 runs
            let image = try #require(
                svg.components(separatedBy: "shape-rendering=\"crispEdges\"").dropFirst().first?.components(separatedBy: "</g>").first)
            #expect(image.components(separatedBy: "<rect").count - 1 == 2 + 26 * 3 + 2)
            #expect(image.components(separatedBy: "fill=\"#ffffff\"").count - 1 == 28)
            #expect(
                plt.dataText().contains(
                    "imshow 28x28 cmap=gray extent=-0.5,27.5,27.5,-0.5 origin=upper pixels={n=784 min=0 max=255 first=255 last=255 fnv1a="))
        }
    }

    @Test func recordIsOneLineJSON() throws {
        let record = FigureRecord(svg: "<svg>\n</svg>\n", data: "a \"b\"\n", alt: "x/y").json
        #expect(!record.contains("\n"))
        let back = try JSONDecoder().decode([String: String].self, from: Data(record.utf8))
        #expect(back == ["svg": "<svg>\n</svg>\n", "data": "a \"b\"\n", "alt": "x/y"])
    }

    @Test func formatStrings() {
        #expect(plt.parseFormat("ro").color == "r" && plt.parseFormat("ro").marker == .circle && plt.parseFormat("ro").style == nil)
        #expect(plt.parseFormat("k--").style == .dashed)
        #expect(plt.parseFormat("-.").style == .dashDot)
        #expect(plt.parseFormat("b.").marker == .point)
    }
}
