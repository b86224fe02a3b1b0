import Foundation

/// Strict snapshots of our own output for `output tolerance=...` cells, stored beside the chapter
/// at `snapshots/<chapter-stem>/cell-<K>.txt`.
public struct SnapshotStore: Sendable {
    public var chapter: Chapter

    public init(chapter: Chapter) { self.chapter = chapter }

    public func path(cell: Int) -> String {
        Paths.directory(of: chapter.absolutePath) + "/snapshots/\(chapter.stem)/cell-\(cell).txt"
    }

    public func displayPath(cell: Int) -> String { Paths.display(path(cell: cell)) }

    public func read(cell: Int) -> String? {
        FileManager.default.contents(atPath: path(cell: cell)).map { String(decoding: $0, as: UTF8.self) }
    }

    public func write(_ text: String, cell: Int) throws {
        try AtomicFile.write(text, to: path(cell: cell))
    }
}
