/// Marks a chapter run's experiments: cells whose code differs from the published chapter
/// (``PublishedCells``), and under `--explore` the cells that run after one. It records the edit,
/// the ``Exploration`` and the evidence flags; the outcome itself is decided by
/// ``CellOutcome/decide(_:)``.
///
/// Without `--explore` an edited cell whose output differs still fails, but its messages start
/// with the summary and the short book-vs-ours view, then a hint, instead of the full diff.
struct ExperimentMarker {
    var chapter: Chapter
    var match: CellMatch
    var options: RunOptions

    var storeDisplayPath: String { Paths.display(PublishedCells.path(for: chapter)) }

    func mark(_ results: inout [CellResult], evidence: inout [CellOutcome.Evidence]) {
        var firstEdited: Int?
        for i in results.indices {
            let edit = i < match.edits.count ? match.edits[i] : nil
            results[i].edit = edit
            evidence[i].explore = options.explore && !options.update
            if edit != nil, firstEdited == nil, results[i].cell.options.skipReason == nil { firstEdited = results[i].index }
            let after = options.explore && firstEdited.map { $0 < results[i].index } == true
            evidence[i].experiment = edit != nil || after
            guard evidence[i].experiment, case .finished(let failures) = evidence[i].stage, !evidence[i].forStateOnly,
                  failures.contains(where: \.isComparison) || edit != nil, let actual = results[i].actual else { continue }
            let cell = results[i].cell
            var x = Exploration.make(expected: cell.output.map(\.text), tolerance: cell.output?.options.tolerance, actual: actual)
            if let snap = results[i].snapshot, let at = Exploration.firstDifference(reference: snap, actual: actual) {
                // A tolerance cell's snapshot is our own unedited run: exact, so it shows the edit's first effect.
                x.summary += "; vs our published run (snapshot): first differs at \(at)"
            }
            results[i].exploration = x
            let comparison = failures.filter(\.isComparison)
            guard !comparison.isEmpty else { continue }
            let others = results[i].messages.filter { finishingMessage($0, cell: cell) }
            if evidence[i].explore {
                // The console and the report show the exploration instead of the diff.
                results[i].messages = others
            } else if edit != nil {
                let limit = options.fullDiff ? nil : Exploration.shortLines
                var lines = ["\(chapter.displayPath):\(cell.code.openLine): cell \(cell.index) is an experiment: " + describe(edit!)]
                lines += x.consoleLines(limit: limit).map { "  " + $0 }
                if comparison.count > 1 || comparison.first != .output {
                    lines.append("  also differs: " + comparison.map(\.rawValue).joined(separator: ", "))
                }
                lines.append("  compare instead of failing: `nnfs-book run \(chapter.displayPath) --explore`; keep the edit: `--update`; undo it: `nnfs-book restore \(chapter.displayPath) --cell \(cell.index)`")
                results[i].messages = [lines.joined(separator: "\n")] + others
            }
        }
    }

    func describe(_ edit: CellEdit) -> String {
        switch edit {
        case .edited(let published, _): return "its code differs from published cell \(published) (\(storeDisplayPath))"
        case .new: return "a new cell, not in the published chapter (\(storeDisplayPath))"
        }
    }

    /// The messages ``CellJudge`` writes for a failure that is not a comparison (the output limit,
    /// a bad side-channel record); the others are about comparisons, which the exploration replaces.
    private func finishingMessage(_ m: String, cell: Cell) -> Bool {
        m.contains("printed more than the output limit") || m.hasPrefix("\(chapter.displayPath):\(cell.code.openLine): cell \(cell.index): ")
    }
}
