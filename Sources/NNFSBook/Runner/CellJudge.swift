/// Judges a cell that ran to its end: compares its output with the expected block, with the
/// snapshot of our own output for `tolerance` cells, and its figures' data with their snapshots.
/// It gathers the evidence (messages, mismatches) and the failures found; the outcome itself is
/// decided by ``CellOutcome/decide(_:)``.
struct CellJudge {
    var chapter: Chapter
    /// Read before the program started, so a cell cannot rewrite what it is checked against.
    var snapshots: SnapshotStore.Loaded
    /// How many differing lines a message lists (nil: all, `--full-diff`).
    var diffLimit: Int? = MismatchFormatter.shortLimit

    func judge(_ cell: Cell, run: ChapterExecution.CellRun, into r: inout CellResult) -> [CellResult.Failure] {
        var failures: [CellResult.Failure] = []
        r.seconds = run.seconds
        r.actual = run.output
        r.figures = run.figures
        let actual = run.output
        let file = chapter.displayPath
        if run.bytesCut > 0 {
            failures.append(.outputLimit)
            r.messages.append("\(file):\(cell.code.openLine): cell \(cell.index) printed more than the output limit of \(run.outputCap) bytes; \(run.bytesCut) bytes in the middle were cut (the head and the tail are kept)")
        }
        for p in run.problems {
            failures.append(.channel)
            r.messages.append("\(file):\(cell.code.openLine): cell \(cell.index): \(p)")
        }
        failures += judgeFigures(cell, run: run, into: &r)
        if let block = cell.output {
            failures += judgeOutput(cell, block: block, actual: actual, into: &r)
        } else if !OutputNormalizer.lines(actual).isEmpty {
            failures.append(.noOutputBlock)
            let n = OutputNormalizer.lines(actual).count
            r.messages.append("\(file):\(cell.code.closeLine): cell \(cell.index) printed \(n) line\(n == 1 ? "" : "s") but has no output block; add one with `nnfs-book run \(file) --cell \(cell.index) --update`")
        }
        return failures.sorted { Self.rank($0) < Self.rank($1) }
    }

    /// Which failure names the cell's outcome when there are several.
    private static func rank(_ f: CellResult.Failure) -> Int {
        [.outputLimit, .channel, .output, .noOutputBlock, .snapshot, .figure].firstIndex(of: f) ?? 9
    }

    private func judgeOutput(_ cell: Cell, block: OutputBlock, actual: String, into r: inout CellResult) -> [CellResult.Failure] {
        var failures: [CellResult.Failure] = []
        if block.options.unchecked {
            r.notes.append("output unchecked: \(block.options.reason ?? "")")
            return []
        }
        let comparator = OutputComparator(relativeTolerance: block.options.tolerance)
        r.mismatches = comparator.compare(expected: block.text, actual: actual)
        if !r.mismatches.isEmpty {
            failures.append(.output)
            r.messages += MismatchFormatter.messages(r.mismatches, block: block.block, file: chapter.displayPath,
                                                    what: block.options.ours ? "our recorded output" : "the book's output", limit: diffLimit)
        }
        guard block.options.tolerance != nil else { return failures }
        let store = snapshots.store
        let path = store.displayPath(cell: cell.index)
        if let snap = snapshots.text[cell.index] {
            r.snapshot = snap
            r.snapshotMismatches = OutputComparator(exact: true).compare(expected: snap, actual: actual)
            if !r.snapshotMismatches.isEmpty {
                failures.append(.snapshot)
                r.messages += MismatchFormatter.messages(r.snapshotMismatches, snapshotPath: path, limit: diffLimit)
                r.messages.append("\(path): if the change is intended, refresh it with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
            }
        } else {
            failures.append(.snapshot)
            r.messages.append("\(path): missing snapshot for tolerance cell \(cell.index) (\(chapter.displayPath):\(block.block.openLine)); create it with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
        }
        return failures
    }

    /// Each figure's `data` must equal its snapshot, exactly; the number of figures too.
    private func judgeFigures(_ cell: Cell, run: ChapterExecution.CellRun, into r: inout CellResult) -> [CellResult.Failure] {
        let stored = snapshots.figures[cell.index] ?? []
        r.figureSnapshots = stored
        let drawn = run.figures.map(\.data)
        guard drawn != stored else { return [] }
        let store = snapshots.store
        let refresh = "if the change is intended, refresh with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`"
        if stored.isEmpty {
            r.messages.append("\(store.figureDisplayPath(cell: cell.index, figure: 1)): missing snapshot for the \(drawn.count) figure\(drawn.count == 1 ? "" : "s") cell \(cell.index) drew; create \(drawn.count == 1 ? "it" : "them") with `nnfs-book run \(chapter.displayPath) --cell \(cell.index) --update`")
            return [.figure]
        }
        if drawn.count != stored.count {
            r.messages.append("\(chapter.displayPath):\(cell.code.openLine): cell \(cell.index) drew \(drawn.count) figure\(drawn.count == 1 ? "" : "s"), its snapshot has \(stored.count); \(refresh)")
        }
        for (k, (d, s)) in zip(drawn, stored).enumerated() where d != s {
            let path = store.figureDisplayPath(cell: cell.index, figure: k + 1)
            let mismatches = OutputComparator(exact: true).compare(expected: s, actual: d)
            var lines = MismatchFormatter.messages(mismatches, snapshotPath: path, limit: diffLimit).map { $0.replacingOccurrences(of: "output differs from the snapshot", with: "figure \(k + 1) data differs from the snapshot") }
            if lines.isEmpty { lines = ["\(path): figure \(k + 1) data differs from the snapshot (whitespace)"] }
            r.messages += lines
            r.messages.append("\(path): \(refresh)")
        }
        return [.figure]
    }
}
