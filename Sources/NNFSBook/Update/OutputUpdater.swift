import Foundation

/// `--update` (bless). The book's numbers are the reference, so a book value is never silently
/// replaced:
/// 1. a cell that prints but has no output block gets one, marked `output ours`;
/// 2. an `output ours` block is rewritten with what the cell printed;
/// 3. a `tolerance` cell's snapshot file is (re)written, and so are the figure snapshots;
/// 4. a plain `output` block (the book's) is kept, with a note saying how it differs.
/// Only cells that ran to their end are touched. The chapter is written atomically, only when the
/// edited text still parses and the file on disk is still the one that was read.
/// It records in each cell's evidence which failures it resolved; it does not set outcomes.
struct OutputUpdater {
    var chapter: Chapter
    var snapshots: SnapshotStore

    mutating func update(_ results: inout [CellResult], evidence: inout [CellOutcome.Evidence], log: inout [String]) throws {
        var edits: [ChapterEditor.Edit] = []
        var resolved: [Int: Set<CellResult.Failure>] = [:]
        for i in results.indices {
            guard case .finished(let failures) = evidence[i].stage, !failures.contains(.outputLimit),
                  let actual = results[i].actual else { continue }
            let r = results[i]
            let cell = r.cell
            if failures.contains(.figure) {
                try snapshots.writeFigures(r.figures.map(\.data), cell: cell.index)
                log.append("wrote \(r.figures.count) figure snapshot\(r.figures.count == 1 ? "" : "s") for cell \(cell.index) in \(Paths.display(snapshots.directory))")
                results[i].figureSnapshots = r.figures.map(\.data)
                resolved[i, default: []].insert(.figure)
            }
            guard let block = cell.output else {
                if failures.contains(.noOutputBlock) {
                    edits.append(.insertBlock(after: cell.code.closeLine, info: "output ours", content: actual))
                    resolved[i, default: []].insert(.noOutputBlock)
                }
                continue
            }
            if block.options.ours {
                let same = OutputComparator(exact: true).compare(expected: block.text, actual: actual).isEmpty
                if !same {
                    edits.append(.replaceContent(open: block.block.openLine, close: block.block.closeLine, content: actual))
                    resolved[i, default: []].insert(.output)
                }
            } else if !r.mismatches.isEmpty {
                let first = r.mismatches[0]
                let line = first.expectedIndex.map { block.block.firstContentLine + $0 } ?? block.block.openLine
                let note = "kept book output at \(chapter.displayPath):\(line) (differs: \(first.reason))"
                results[i].notes.append(note)
            }
            if block.options.tolerance != nil, failures.contains(.snapshot) {
                try snapshots.write(actual, cell: cell.index)
                log.append("wrote snapshot \(snapshots.displayPath(cell: cell.index))")
                results[i].snapshot = actual
                results[i].snapshotMismatches = []
                resolved[i, default: []].insert(.snapshot)
            }
        }
        if !edits.isEmpty {
            let (bytes, diff) = ChapterEditor(source: chapter.source).apply(edits, file: chapter.displayPath)
            do {
                _ = try ChapterParser.parse(bytes: bytes, displayPath: chapter.displayPath, absolutePath: chapter.absolutePath)
            } catch {
                throw RunnerError("--update produced a chapter that does not parse; nothing written:\n\(error)")
            }
            try AtomicFile.write(bytes, to: chapter.absolutePath, replacing: chapter.source.bytes, displayPath: chapter.displayPath)
            log.append("updated \(chapter.displayPath):")
            log += diff.map { "  " + $0 }
        }
        for (i, fixed) in resolved {
            evidence[i].resolvedByUpdate = fixed
            guard case .finished(let failures) = evidence[i].stage, failures.allSatisfy(fixed.contains) else { continue }
            // Everything that was wrong was written: the old differences are history.
            results[i].messages = []
            results[i].mismatches = []
        }
    }
}
