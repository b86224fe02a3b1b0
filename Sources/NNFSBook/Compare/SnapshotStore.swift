import Foundation

/// Strict snapshots of our own output, stored beside the chapter under `snapshots/<chapter-stem>/`:
/// `cell-<K>.txt` for `output tolerance=...` cells, and `cell-<K>-figure-<N>.txt` for the `data`
/// of each figure cell K draws (N from 1).
public struct SnapshotStore: Sendable {
    public var chapter: Chapter

    public init(chapter: Chapter) { self.chapter = chapter }

    public var directory: String { Paths.directory(of: chapter.absolutePath) + "/snapshots/\(chapter.stem)" }

    public func path(cell: Int) -> String { directory + "/cell-\(cell).txt" }
    public func displayPath(cell: Int) -> String { Paths.display(path(cell: cell)) }

    public func figurePath(cell: Int, figure: Int) -> String { directory + "/cell-\(cell)-figure-\(figure).txt" }
    public func figureDisplayPath(cell: Int, figure: Int) -> String { Paths.display(figurePath(cell: cell, figure: figure)) }

    public func read(cell: Int) -> String? { Self.readText(path(cell: cell)) }

    public func write(_ text: String, cell: Int) throws {
        try AtomicFile.write(text, to: path(cell: cell))
    }

    /// Every stored figure of `cell`, in order (figure 1, 2, ... up to the first gap).
    public func readFigures(cell: Int) -> [String] {
        var out: [String] = []
        while let text = Self.readText(figurePath(cell: cell, figure: out.count + 1)) { out.append(text) }
        return out
    }

    /// Stores `data` as the figures of `cell` and removes stored figures past its count.
    public func writeFigures(_ data: [String], cell: Int) throws {
        for (k, d) in data.enumerated() { try AtomicFile.write(d, to: figurePath(cell: cell, figure: k + 1)) }
        var k = data.count + 1
        while FileManager.default.fileExists(atPath: figurePath(cell: cell, figure: k)) {
            try FileManager.default.removeItem(atPath: figurePath(cell: cell, figure: k))
            k += 1
        }
    }

    /// The snapshots of `cells`, read now: a run reads them before its program starts.
    public struct Loaded: Sendable {
        public var store: SnapshotStore
        public var text: [Int: String] = [:]
        public var figures: [Int: [String]] = [:]
    }

    public func load(_ cells: [Cell]) -> Loaded {
        var loaded = Loaded(store: self)
        for cell in cells {
            if cell.output?.options.tolerance != nil, let t = read(cell: cell.index) { loaded.text[cell.index] = t }
            let f = readFigures(cell: cell.index)
            if !f.isEmpty { loaded.figures[cell.index] = f }
        }
        return loaded
    }

    private static func readText(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
