/// A cell's figures, embedded inline: the SVG as the runner received it, made accessible
/// (`role="img"` with the text alternative as its name) and given ids unique on the page.
enum HTMLFigure {
    /// `number` is the figure's label on the page ("3.1").
    static func render(_ f: CellFigure, number: String, idPrefix: String) -> String {
        var svg = f.svg
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]) }
        svg = svg.trimmingCharacters(in: .whitespacesAndNewlines)
        svg = svg.replacingOccurrences(of: "nnfsfig-", with: idPrefix + "-")
        if let open = svg.range(of: "<svg") {
            svg.replaceSubrange(open, with: "<svg role=\"img\" aria-label=\"\(HTML.escape(f.alt))\"")
        }
        return "<figure class=\"plot\">\(svg)<figcaption><strong>Figure \(HTML.escape(number))</strong> \(HTML.escape(f.alt))</figcaption></figure>\n"
    }
}
