import Foundation

/// `--update` (bless). The book's numbers are the reference, so a book value is never silently
/// replaced:
/// 1. a cell that prints but has no output block gets one, marked `output ours`;
/// 2. an `output ours` block is rewritten with what the cell printed;
/// 3. a `tolerance` cell's snapshot file is (re)written;
/// 4. a plain `output` block (the book's) is kept, with a note saying how it differs.
/// Only cells that ran to their end are touched; the chapter is written atomically, and only
/// when the edited text still parses.
struct OutputUpdater {
    var chapter: Chapter
    var snapshots: SnapshotStore

    mutating func update(_ results: inout [CellResult], log: inout [String]) throws {
        var edits: [ChapterEditor.Edit] = []
        var touched: Set<Int> = []
        for i in results.indices {
            let r = results[i]
            guard r.status == .passed || r.status == .failed, r.failure != .compile, r.failure != .crash,
                  r.failure != .timeout, let actual = r.actual else { continue }
            let cell = r.cell
            guard let block = cell.output else {
                if r.failure == .noOutputBlock {
                    edits.append(.insertBlock(after: cell.code.closeLine, info: "output ours", content: actual))
                    touched.insert(i)
                }
                continue
            }
            if block.options.ours {
                let same = OutputComparator(exact: true).compare(expected: block.text, actual: actual).isEmpty
                if !same {
                    edits.append(.replaceContent(open: block.block.openLine, close: block.block.closeLine, content: actual))
                    touched.insert(i)
                }
            } else if !r.mismatches.isEmpty {
                let first = r.mismatches[0]
                let line = first.expectedIndex.map { block.block.firstContentLine + $0 } ?? block.block.openLine
                let note = "kept book output at \(chapter.displayPath):\(line) (differs: \(first.reason))"
                results[i].notes.append(note)
            }
            if block.options.tolerance != nil, !r.snapshotMismatches.isEmpty || r.snapshot == nil {
                try snapshots.write(actual, cell: cell.index)
                log.append("wrote snapshot \(snapshots.displayPath(cell: cell.index))")
                results[i].snapshot = actual
                results[i].snapshotMismatches = []
                if r.mismatches.isEmpty { touched.insert(i) }
            }
        }
        if !edits.isEmpty {
            let (bytes, diff) = ChapterEditor(source: chapter.source).apply(edits, file: chapter.displayPath)
            do {
                _ = try ChapterParser.parse(bytes: bytes, displayPath: chapter.displayPath, absolutePath: chapter.absolutePath)
            } catch {
                throw SubprocessError("--update produced a chapter that does not parse; nothing written:\n\(error)")
            }
            try AtomicFile.write(bytes, to: chapter.absolutePath)
            log.append("updated \(chapter.displayPath):")
            log += diff.map { "  " + $0 }
        }
        for i in touched {
            results[i].status = .updated
            results[i].failure = nil
            results[i].messages = []
            results[i].mismatches = []
        }
    }
}
