/// Turns a cell's run into a ``CellResult``: compares its output with the expected block and,
/// for `tolerance` cells, with the snapshot of our own output.
struct CellJudge {
    var chapter: Chapter
    var snapshots: SnapshotStore

    func judge(_ cell: Cell, run: ChapterExecution.CellRun) -> CellResult {
        var r = CellResult(cell: cell, status: .passed, seconds: run.seconds, actual: run.output)
        let actual = run.output
        guard let block = cell.output else {
            if !OutputNormalizer.lines(actual).isEmpty {
                r.status = .failed
                r.failure = .noOutputBlock
                let n = OutputNormalizer.lines(actual).count
                r.messages.append("\(chapter.displayPath):\(cell.code.closeLine): cell \(cell.index) printed \(n) line\(n == 1 ? "" : "s") but has no output block; add one with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
            }
            return r
        }
        if block.options.unchecked {
            r.notes.append("output unchecked: \(block.options.reason ?? "")")
            return r
        }
        let comparator = OutputComparator(relativeTolerance: block.options.tolerance)
        r.mismatches = comparator.compare(expected: block.text, actual: actual)
        if !r.mismatches.isEmpty {
            r.status = .failed
            r.failure = .output
            r.messages += MismatchFormatter.messages(r.mismatches, block: block.block, file: chapter.displayPath,
                                                    what: block.options.ours ? "our recorded output" : "the book's output")
        }
        if block.options.tolerance != nil {
            let path = snapshots.displayPath(cell: cell.index)
            if let snap = snapshots.read(cell: cell.index) {
                r.snapshot = snap
                r.snapshotMismatches = OutputComparator(exact: true).compare(expected: snap, actual: actual)
                if !r.snapshotMismatches.isEmpty {
                    if r.status != .failed { r.failure = .snapshot }
                    r.status = .failed
                    r.messages += MismatchFormatter.messages(r.snapshotMismatches, snapshotPath: path)
                    r.messages.append("\(path): if the change is intended, refresh it with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
                }
            } else {
                if r.status != .failed { r.failure = .snapshot }
                r.status = .failed
                r.messages.append("\(path): missing snapshot for tolerance cell \(cell.index) (\(chapter.displayPath):\(block.block.openLine)); create it with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
            }
        }
        return r
    }
}
