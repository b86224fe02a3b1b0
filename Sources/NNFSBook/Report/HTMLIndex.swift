/// `index.html`: the book's table of contents (chapter number, title and one-line summary, with
/// each chapter's status, cells and time), then the test summary.
enum HTMLIndex {
    static func render(_ results: [ChapterResult], pages: [String], seconds: Double, assets: ReportAssets = .none) -> String {
        let failing = results.filter(\.failed).count
        var body = "<a class=\"skip\" href=\"#main\">Skip to the contents</a>\n<main id=\"main\" class=\"index\">\n"
        body += "<p class=\"kicker\">Neural Networks from Scratch, executable in Swift</p>\n"
        body += "<h1>Contents</h1>\n"
        body += "<p class=\"status\">\(HTML.badge(failing == 0 ? "PASS" : "FAIL", failing == 0 ? "pass" : "fail")) "
        body += failing == 0 ? "Every chapter's cells print the book's numbers.</p>\n" : "\(failing) chapter\(failing == 1 ? "" : "s") failing.</p>\n"
        body += "<ol class=\"contents\">\n"
        for (r, page) in zip(results, pages) {
            let o = ChapterOutline(r)
            let cells = r.cells.filter { $0.status != .notSelected }.count
            body += "<li><a href=\"\(HTML.escape(page))\"><span class=\"num\">\(HTML.escape(o.number ?? ""))</span>"
            body += "<span class=\"title\">\(HTML.escape(o.title))</span></a>"
            body += "<span class=\"meta\">\(HTML.badge(r.failed ? "FAIL" : "PASS", r.failed ? "fail" : "pass")) "
            body += "\(cells) cell\(cells == 1 ? "" : "s") · \(ConsoleReport.time(r.runSeconds))</span>"
            if !o.summary.isEmpty { body += "<p class=\"summary\">\(HTML.escape(o.summary))</p>" }
            body += "</li>\n"
        }
        body += "</ol>\n"
        body += "<h2 id=\"tests\">Test summary</h2>\n"
        body += "<p class=\"summary\">\(HTML.escape(ConsoleReport.total(results, seconds: seconds)).replacingOccurrences(of: "\n", with: "<br>"))</p>\n"
        body += "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Chapter</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Passed</th><th scope=\"col\" class=\"num\">Failed</th><th scope=\"col\" class=\"num\">Skipped</th><th scope=\"col\" class=\"num\">Not run</th><th scope=\"col\" class=\"num\">Compile</th><th scope=\"col\" class=\"num\">Run</th></tr></thead>\n<tbody>\n"
        for (r, page) in zip(results, pages) {
            let status = r.failed ? HTML.badge("FAIL", "fail") : HTML.badge("PASS", "pass")
            body += "<tr><td><a href=\"\(HTML.escape(page))\">\(HTML.escape(r.path))</a></td><td>\(status)</td>"
            body += "<td class=\"num\">\(r.passedCount)</td><td class=\"num\">\(r.failedCount + (r.errors.isEmpty ? 0 : 1))</td>"
            body += "<td class=\"num\">\(r.count(.skipped))</td><td class=\"num\">\(r.count(.notRun))</td>"
            body += "<td class=\"num\">\(ConsoleReport.time(r.compileSeconds))</td><td class=\"num\">\(ConsoleReport.time(r.runSeconds))</td></tr>\n"
        }
        body += "</tbody>\n</table></div>\n</main>\n"
        return HTML.page(title: "Contents – nnfs-book", body: body, assets: assets)
    }
}
