/// A figure a cell drew (`plt.show()`), received on the program's side channel as the record
/// `figure <json>` with the JSON object `{"svg": ..., "data": ..., "alt": ...}`.
///
/// - `svg`: the standalone SVG document, embedded inline in the report.
/// - `data`: a canonical text of what was plotted (series, points, image pixels); it is part of
///   the cell's snapshot, so a change in what is plotted fails the cell.
/// - `alt`: a one-line text alternative for the report.
public struct CellFigure: Sendable, Codable, Equatable {
    public var svg: String
    public var data: String
    public var alt: String

    public init(svg: String, data: String, alt: String) {
        self.svg = svg
        self.data = data
        self.alt = alt
    }
}
