import CCmark

/// One chapter's page, read like the book: the chapter's title, a table of contents of its
/// sections, its prose rendered by cmark, each cell with its code (highlighted in the browser by
/// highlight.js when the report has it), output and figures, and links to the previous and next
/// chapter. A passing cell shows the book's output once; a failing or tolerance cell shows the
/// book's output beside ours with the differing numbers marked.
enum HTMLChapterPage {
    /// A link to a neighbouring chapter.
    struct Link {
        var href: String
        var title: String
    }

    static func render(_ r: ChapterResult, previous: Link? = nil, next: Link? = nil, assets: ReportAssets = .none) -> String {
        let outline = ChapterOutline(r)
        let figurePrefix = outline.number.map { $0 + "." } ?? ""
        var body = "<a class=\"skip\" href=\"#main\">Skip to the chapter</a>\n"
        body += "<header class=\"top\">\(pager(previous: previous, next: next, label: "Chapters"))</header>\n"
        body += "<div class=\"layout\">\n"
        if !outline.sections.isEmpty {
            body += "<nav class=\"toc\" aria-label=\"Sections\"><p class=\"toc-title\">On this page</p><ol>"
            for s in outline.sections where s.level <= 3 {
                body += "<li class=\"l\(s.level)\"><a href=\"#\(s.anchor)\">\(HTML.escape(s.title))</a></li>"
            }
            body += "</ol></nav>\n"
        }
        body += "<main id=\"main\">\n"
        if let n = outline.number { body += "<p class=\"kicker\">Chapter \(HTML.escape(n))</p>\n" }
        body += "<h1>\(HTML.escape(outline.title))</h1>\n"
        body += "<p class=\"status\">\(HTML.badge(r.failed ? "FAIL" : "PASS", r.failed ? "fail" : "pass")) "
        body += "\(HTML.escape(ConsoleReport.summary(r)))</p>\n"
        if !r.errors.isEmpty {
            body += "<div class=\"errors\">" + r.errors.map { "<pre>\(HTML.escape($0))</pre>" }.joined() + "</div>\n"
        }
        if !r.updateLog.isEmpty {
            body += "<h2>--update</h2><pre>\(HTML.escape(r.updateLog.joined(separator: "\n")))</pre>\n"
        }
        if let chapter = r.chapter {
            body += prose(chapter, results: r.cells, sections: outline.sections, figurePrefix: figurePrefix,
                          documented: assets.documentedTypes)
        }
        body += "</main>\n</div>\n"
        body += "<footer>\(pager(previous: previous, next: next, label: "Previous and next chapter"))</footer>\n"
        let title = (outline.number.map { "\($0). " } ?? "") + outline.title
        return HTML.page(title: "\(title) – nnfs-book", body: body, assets: assets)
    }

    static func pager(previous: Link?, next: Link?, label: String) -> String {
        var h = "<nav class=\"pager\" aria-label=\"\(HTML.escape(label))\">"
        h += previous.map { "<a rel=\"prev\" href=\"\(HTML.escape($0.href))\">← \(HTML.escape($0.title))</a>" } ?? "<span></span>"
        h += "<a href=\"index.html\">Contents</a>"
        h += next.map { "<a rel=\"next\" href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.title)) →</a>" } ?? "<span></span>"
        return h + "</nav>"
    }

    /// The chapter's blocks in order: cmark's HTML for prose (headings with anchors), ours for cells.
    private static func prose(_ chapter: Chapter, results: [CellResult], sections: [ChapterOutline.Section], figurePrefix: String,
                              documented: Set<String>) -> String {
        var linked = Set<String>()
        let byCodeLine = Dictionary(uniqueKeysWithValues: results.map { ($0.cell.code.openLine, $0) })
        let outputLines = Set(results.compactMap { $0.cell.output?.block.openLine })
        let document = MarkdownDocument(bytes: chapter.source.bytes)
        var html = ""
        var sectionIndex = 0, seenTitle = false, figureCount = 0
        for node in document.topLevelNodes() {
            let line = MarkdownDocument.startLine(node)
            if MarkdownDocument.isCodeBlock(node) {
                if let r = byCodeLine[line] {
                    html += cell(r, file: chapter.displayPath, figurePrefix: figurePrefix, figureCount: &figureCount)
                    continue
                }
                if outputLines.contains(line) { continue }
            }
            if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                if level == 1 && !seenTitle { seenTitle = true; continue }  // the page's own <h1>
                var h = MarkdownDocument.html(node)
                if sectionIndex < sections.count, h.hasPrefix("<h\(level)>") {
                    h = "<h\(level) id=\"\(sections[sectionIndex].anchor)\">" + h.dropFirst(4)
                }
                sectionIndex += 1
                html += h
                continue
            }
            if MarkdownDocument.isParagraph(node) {
                let lines = (line...MarkdownDocument.endLine(node)).map { chapter.source.line($0) }
                if let table = HTMLTable.render(lines) { html += table; continue }
            }
            html += linkFirstMentions(MarkdownDocument.html(node), documented: documented, linked: &linked)
        }
        return html
    }

    /// `<code>LayerDense</code>` in prose: the chapter's first mention of a type that has a page in
    /// the DocC reference links to it.
    static func linkFirstMentions(_ html: String, documented: Set<String>, linked: inout Set<String>) -> String {
        guard !documented.isEmpty else { return html }
        var out = html
        for name in documented.sorted() where !linked.contains(name) {
            let code = "<code>\(name)</code>"
            guard let r = out.range(of: code) else { continue }
            out.replaceSubrange(r, with: "<a href=\"\(ReportAssets.docPage(name))\">\(code)</a>")
            linked.insert(name)
        }
        return out
    }

    /// Names in inline code that look like types (`LayerDense`, `OptimizerAdam`), over all chapters.
    static func mentionedTypes(_ results: [ChapterResult]) -> [String] {
        var names = Set<String>()
        for r in results {
            guard let text = r.chapter.map({ String(decoding: $0.source.bytes, as: UTF8.self) }) else { continue }
            for part in text.split(separator: "`").enumerated() where part.offset % 2 == 1 {
                let s = part.element
                if let first = s.first, first.isUppercase, s.allSatisfy({ $0.isLetter || $0.isNumber }) { names.insert(String(s)) }
            }
        }
        return names.sorted()
    }

    private static func cell(_ r: CellResult, file: String, figurePrefix: String, figureCount: inout Int) -> String {
        let c = r.cell
        var h = "<section class=\"cell \(r.status.cssClass)\" id=\"cell-\(c.index)\" aria-label=\"Cell \(c.index)\">\n<header>"
        h += HTML.badge(ConsoleReport.badge(r).isEmpty ? "—" : ConsoleReport.badge(r), r.status.cssClass)
        h += "<a class=\"cell-link\" href=\"#cell-\(c.index)\">Cell \(c.index)</a>"
        h += "<span>\(HTML.escape(file)):\(c.code.openLine)</span>"
        h += "<span>\(HTML.escape(ConsoleReport.label(r)))</span>"
        if let s = r.seconds { h += "<span>\(ConsoleReport.time(s))</span>" }
        // options other than a skip reason (already in the label): timeout=, global
        if c.code.info != "swift" && c.options.skipReason == nil { h += "<code>\(HTML.escape(c.code.info))</code>" }
        h += "</header>\n"
        h += code(c.source, firstLine: c.code.firstContentLine)
        if !r.messages.isEmpty {
            h += "<div class=\"messages\"><pre>\(HTML.escape(r.messages.joined(separator: "\n")))</pre></div>"
        }
        let label = ConsoleReport.label(r)
        let notes = r.notes.filter { $0 != label && (!$0.hasPrefix("not run") || r.status == .notRun) }
        if !notes.isEmpty { h += "<p class=\"notes\">\(notes.map(HTML.escape).joined(separator: "<br>"))</p>" }
        if let x = r.exploration, r.status == .experiment || r.edit != nil { h += exploration(x, edit: r.edit) }
        h += outputs(r)
        for f in r.figures + (TrainingCurve.figure(r).map { [$0] } ?? []) {
            figureCount += 1
            h += HTMLFigure.render(f, number: "\(figurePrefix)\(figureCount)", idPrefix: "fig\(figureCount)")
        }
        if let bt = r.crash?.backtrace, !bt.isEmpty {
            h += "<details><summary>Backtrace</summary><pre>\(HTML.escape(bt))</pre></details>"
        }
        return h + "</section>\n"
    }

    /// The cell's code with its Markdown line numbers in a gutter; highlight.js colours the code.
    static func code(_ source: String, firstLine: Int) -> String {
        var lines = source.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let numbers = lines.indices.map { String(firstLine + $0) }.joined(separator: "\n")
        return "<div class=\"code\"><pre class=\"gutter\" aria-hidden=\"true\">\(numbers)</pre>"
            + "<pre class=\"src\"><code class=\"language-swift\">\(HTML.escape(lines.joined(separator: "\n")))</code></pre></div>\n"
    }

    /// A passing cell shows the book's output once (ours under a disclosure when its text
    /// differs only in spacing); other cells show book and ours side by side, differences marked.
    private static func outputs(_ r: CellResult) -> String {
        let block = r.cell.output
        guard block != nil || r.actual.map({ !$0.isEmpty }) == true else { return "" }
        var extra = ""
        if let b = block {
            if let t = b.options.tolerance { extra = " · tolerance \(t)" }
            if b.options.unchecked { extra = " · unchecked" }
        }
        let reason = block?.options.reason.map { "<p class=\"reason\">\(HTML.escape($0))</p>" } ?? ""
        let quiet = (r.status == .passed || r.status == .updated) && block?.options.tolerance == nil && block?.options.unchecked != true
        if quiet, let b = block {
            let kind = b.options.ours ? "Output (ours)" : "Output · matches the book"
            var h = "<div class=\"outputs quiet\"><div><p class=\"pane-title\">\(kind)</p>\(HTML.lines(b.text))</div></div>"
            if let actual = r.actual, HTMLOutputDiff.lines(actual) != HTMLOutputDiff.lines(b.text), !b.options.ours {
                h += "<details class=\"ours\"><summary>Our output, as printed</summary>\(HTML.lines(actual))</details>"
            }
            return h + reason + "\n"
        }
        var panes: [String] = []
        let bookTitle = (block?.options.ours == true ? "Expected (ours)" : "The book") + (block.map { " · line \($0.block.openLine)" } ?? "") + extra
        if let b = block, let actual = r.actual {
            let (left, right) = HTMLOutputDiff.panes(expected: b.text, actual: actual,
                                                     badExpected: Set(r.mismatches.compactMap(\.expectedIndex)),
                                                     badActual: Set((r.mismatches + r.snapshotMismatches).compactMap(\.actualIndex)))
            panes.append(pane(bookTitle, left))
            panes.append(pane("Ours", right))
        } else {
            panes.append(pane(block == nil ? "The book · no output" : bookTitle, HTML.lines(block?.text ?? "")))
            if let actual = r.actual { panes.append(pane("Ours", HTML.lines(actual))) }
        }
        var h = "<div class=\"outputs\">" + panes.joined() + "</div>\n" + reason
        if block?.options.tolerance != nil {
            let bad = Set(r.snapshotMismatches.compactMap(\.expectedIndex))
            if let snap = r.snapshot, bad.isEmpty, r.actual.map(HTMLOutputDiff.lines) == HTMLOutputDiff.lines(snap) {
                h += "<p class=\"notes\">Our output is identical to its snapshot (chapters/snapshots).</p>"
            } else {
                let content = r.snapshot.map { HTML.lines($0, highlight: bad) } ?? "<pre><span class=\"empty\">(missing: run --update)</span></pre>"
                h += "<div class=\"outputs\">" + pane("Snapshot (ours, exact)", content) + "</div>\n"
            }
        }
        return h
    }

    /// An experiment: what changed, the one-line summary, and the lines that moved, book beside
    /// ours (a few, the rest one click away).
    static func exploration(_ x: Exploration, edit: CellEdit?) -> String {
        let what: String
        switch edit {
        case .edited(let n, _)?: what = "Experiment: this cell's code differs from published cell \(n)."
        case .new?: what = "Experiment: a new cell, not in the published chapter."
        case nil: what = "Experiment: runs after an edited cell."
        }
        var h = "<p class=\"exploration\">\(HTML.badge("EXP", "experiment")) \(HTML.escape(what)) \(HTML.escape(x.summary))</p>\n"
        guard !x.pairs.isEmpty else { return h }
        func panes(_ pairs: ArraySlice<Exploration.Pair>) -> String {
            func pre(_ lines: [[Exploration.Piece]?]) -> String {
                "<pre>" + lines.map { l in
                    "<span>" + (l.map { $0.map { $0.moved ? "<mark>\(HTML.escape($0.text))</mark>" : HTML.escape($0.text) }.joined() } ?? "<span class=\"empty\">(no line)</span>") + "</span>"
                }.joined() + "</pre>"
            }
            return "<div class=\"outputs\">" + pane("The book · lines that differ", pre(pairs.map(\.book)))
                + pane("Ours", pre(pairs.map(\.ours))) + "</div>\n"
        }
        h += panes(x.pairs.prefix(Exploration.shortLines))
        if x.pairs.count > Exploration.shortLines {
            let more = x.pairs.count - Exploration.shortLines
            h += "<details><summary>and \(more) more line\(more == 1 ? "" : "s") differ</summary>\(panes(x.pairs.dropFirst(Exploration.shortLines)))</details>\n"
        }
        return h
    }

    private static func pane(_ title: String, _ content: String) -> String {
        "<div><p class=\"pane-title\">\(HTML.escape(title))</p>\(content)</div>"
    }
}
