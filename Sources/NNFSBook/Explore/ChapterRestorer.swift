import Foundation

/// `nnfs-book restore`: puts the published code (``PublishedCells``) back into edited cells. Only
/// the bytes between an edited cell's fences change; prose, output blocks, new cells and every
/// other byte stay as they are. The file is written atomically, and not at all when it changed on
/// disk meanwhile.
public enum ChapterRestorer {
    public struct Outcome: Sendable, Equatable {
        /// Current cell numbers whose code was put back.
        public var restored: [Int]
        /// Lines for the user: what was restored, what could not be.
        public var log: [String]
    }

    /// Restores every edited cell, or only cell `cell` (its current number).
    public static func restore(chapterAt path: String, cell: Int? = nil) throws -> Outcome {
        let chapter: Chapter
        do {
            chapter = try ChapterParser.load(path: path)
        } catch let e as BookErrors {
            throw RunnerError(e.errors.map(\.description).joined(separator: "\n"))
        }
        let storePath = PublishedCells.path(for: chapter)
        guard let published = try PublishedCells.read(storePath) else {
            throw RunnerError("\(chapter.displayPath): no published cells recorded (\(Paths.display(storePath)) does not exist); `nnfs-book run \(chapter.displayPath) --update` records them")
        }
        if let n = cell, !(1...max(1, chapter.cells.count)).contains(n) {
            throw RunnerError("--cell \(n): the chapter has \(chapter.cells.count) swift cell\(chapter.cells.count == 1 ? "" : "s")")
        }
        let match = CellMatch(current: PublishedCells(chapter: chapter).codes, published: published.codes)
        var bytes = chapter.source.bytes
        var restored: [Int] = []
        var log: [String] = []
        // From the bottom up, so earlier byte offsets stay valid.
        for c in chapter.cells.reversed() where cell == nil || cell == c.index {
            switch match.edits[c.index - 1] {
            case .edited(let n, let code)?:
                let start = chapter.source.lines[c.code.openLine].start
                let end = chapter.source.lines[c.code.closeLine - 1].start
                bytes.replaceSubrange(start..<end, with: Array(code.utf8))
                restored.insert(c.index, at: 0)
                log.insert("restored cell \(c.index) (\(chapter.displayPath):\(c.code.openLine)) to published cell \(n)", at: 0)
            case .new?:
                log.insert("cell \(c.index) (\(chapter.displayPath):\(c.code.openLine)) is new, not a published cell: left as it is", at: 0)
            case nil:
                if cell != nil { log.append("cell \(c.index) is as published: nothing to restore") }
            }
        }
        if cell == nil {
            for n in match.deleted {
                log.append("published cell \(n) is no longer in the chapter; restore does not re-insert deleted cells (its code is in \(Paths.display(storePath)))")
            }
        }
        if restored.isEmpty {
            if log.isEmpty { log.append("\(chapter.displayPath): every cell is as published: nothing to restore") }
            return Outcome(restored: [], log: log)
        }
        try AtomicFile.write(bytes, to: chapter.absolutePath, replacing: chapter.source.bytes, displayPath: chapter.displayPath)
        return Outcome(restored: restored, log: log)
    }
}
