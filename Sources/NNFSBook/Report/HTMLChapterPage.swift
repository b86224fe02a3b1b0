/// One chapter's report page: the prose rendered by cmark, and each cell with its code, expected
/// and actual output, badge and time, failing lines highlighted.
enum HTMLChapterPage {
    static func render(_ r: ChapterResult) -> String {
        var body = "<p><a href=\"index.html\">&larr; All chapters</a></p>\n"
        body += "<h1>\(HTML.escape(r.path)) \(HTML.badge(r.failed ? "FAIL" : "PASS", r.failed ? "fail" : "pass"))</h1>\n"
        body += "<p class=\"summary\">\(HTML.escape(ConsoleReport.summary(r)))</p>\n"
        if !r.errors.isEmpty {
            body += "<div class=\"errors\">" + r.errors.map { "<pre>\(HTML.escape($0))</pre>" }.joined() + "</div>\n"
        }
        if !r.updateLog.isEmpty {
            body += "<h3>--update</h3><pre>\(HTML.escape(r.updateLog.joined(separator: "\n")))</pre>\n"
        }
        if let chapter = r.chapter {
            body += prose(chapter, results: r.cells)
        }
        return HTML.page(title: "\(r.name) – nnfs-book", body: body)
    }

    /// The chapter's blocks in order: cmark's HTML for prose, ours for cells.
    private static func prose(_ chapter: Chapter, results: [CellResult]) -> String {
        let byCodeLine = Dictionary(uniqueKeysWithValues: results.map { ($0.cell.code.openLine, $0) })
        let outputLines = Set(results.compactMap { $0.cell.output?.block.openLine })
        let document = MarkdownDocument(bytes: chapter.source.bytes)
        var html = ""
        for node in document.topLevelNodes() {
            let line = MarkdownDocument.startLine(node)
            if MarkdownDocument.isCodeBlock(node) {
                if let r = byCodeLine[line] { html += cell(r, file: chapter.displayPath); continue }
                if outputLines.contains(line) { continue }
            }
            if MarkdownDocument.isParagraph(node) {
                let lines = (line...MarkdownDocument.endLine(node)).map { chapter.source.line($0) }
                if let table = HTMLTable.render(lines) { html += table; continue }
            }
            html += MarkdownDocument.html(node)
        }
        return html
    }

    private static func cell(_ r: CellResult, file: String) -> String {
        let c = r.cell
        var h = "<section class=\"cell \(r.status.cssClass)\" id=\"cell-\(c.index)\">\n<header>"
        h += HTML.badge(ConsoleReport.badge(r).isEmpty ? "—" : ConsoleReport.badge(r), r.status.cssClass)
        h += "<strong>Cell \(c.index)</strong>"
        h += "<span>\(HTML.escape(file)):\(c.code.openLine)</span>"
        h += "<span>\(HTML.escape(ConsoleReport.label(r)))</span>"
        if let s = r.seconds { h += "<span>\(ConsoleReport.time(s))</span>" }
        if c.code.info != "swift" { h += "<code>\(HTML.escape(c.code.info))</code>" }
        h += "</header>\n"
        h += HTML.lines(c.source, firstLineNumber: c.code.firstContentLine)
        if !r.messages.isEmpty {
            h += "<div class=\"messages\"><pre>\(HTML.escape(r.messages.joined(separator: "\n")))</pre></div>"
        }
        let label = ConsoleReport.label(r)
        let notes = r.notes.filter { $0 != label && (!$0.hasPrefix("not run") || r.status == .notRun) }
        if !notes.isEmpty { h += "<p class=\"notes\">\(notes.map(HTML.escape).joined(separator: "<br>"))</p>" }
        h += outputs(r)
        if let bt = r.crash?.backtrace, !bt.isEmpty {
            h += "<details><summary>Backtrace</summary><pre>\(HTML.escape(bt))</pre></details>"
        }
        return h + "</section>\n"
    }

    /// Expected and actual output side by side (book | ours | snapshot for tolerance cells).
    private static func outputs(_ r: CellResult) -> String {
        let block = r.cell.output
        guard block != nil || r.actual.map({ !$0.isEmpty }) == true else { return "" }
        var panes: [String] = []
        if let b = block {
            let kind = b.options.ours ? "Expected (ours)" : "Expected (book)"
            var extra = ""
            if let t = b.options.tolerance { extra = " · tolerance \(t)" }
            if b.options.unchecked { extra = " · unchecked" }
            if let reason = b.options.reason { extra += ": " + reason }
            let bad = Set(r.mismatches.compactMap(\.expectedIndex))
            panes.append(pane("\(kind) · line \(b.block.openLine)\(extra)", HTML.lines(b.text, highlight: bad)))
        } else {
            panes.append(pane("Expected", HTML.lines("")))
        }
        if let actual = r.actual {
            let bad = Set((r.mismatches + r.snapshotMismatches).compactMap(\.actualIndex))
            panes.append(pane("Actual (ours)", HTML.lines(actual, highlight: bad)))
        }
        if block?.options.tolerance != nil {
            let bad = Set(r.snapshotMismatches.compactMap(\.expectedIndex))
            panes.append(pane("Snapshot (ours, exact)", r.snapshot.map { HTML.lines($0, highlight: bad) } ?? "<pre><span class=\"empty\">(missing: run --update)</span></pre>"))
        }
        return "<div class=\"outputs\">" + panes.joined() + "</div>\n"
    }

    private static func pane(_ title: String, _ content: String) -> String {
        "<div><h4>\(HTML.escape(title))</h4>\(content)</div>"
    }
}
