/// `index.html`: every chapter with its status, cell counts and times.
enum HTMLIndex {
    static func render(_ results: [ChapterResult], pages: [String], seconds: Double) -> String {
        let failing = results.filter(\.failed).count
        var body = "<h1>nnfs-book report \(HTML.badge(failing == 0 ? "PASS" : "FAIL", failing == 0 ? "pass" : "fail"))</h1>\n"
        body += "<p class=\"summary\">\(HTML.escape(ConsoleReport.total(results, seconds: seconds)).replacingOccurrences(of: "\n", with: "<br>"))</p>\n"
        body += "<table>\n<tr><th>Chapter</th><th>Status</th><th class=\"num\">Passed</th><th class=\"num\">Failed</th><th class=\"num\">Skipped</th><th class=\"num\">Not run</th><th class=\"num\">Compile</th><th class=\"num\">Run</th></tr>\n"
        for (r, page) in zip(results, pages) {
            let status = r.failed ? HTML.badge("FAIL", "fail") : HTML.badge("PASS", "pass")
            body += "<tr><td><a href=\"\(HTML.escape(page))\">\(HTML.escape(r.path))</a></td><td>\(status)</td>"
            body += "<td class=\"num\">\(r.passedCount)</td><td class=\"num\">\(r.failedCount + (r.errors.isEmpty ? 0 : 1))</td>"
            body += "<td class=\"num\">\(r.count(.skipped))</td><td class=\"num\">\(r.count(.notRun))</td>"
            body += "<td class=\"num\">\(ConsoleReport.time(r.compileSeconds))</td><td class=\"num\">\(ConsoleReport.time(r.runSeconds))</td></tr>\n"
        }
        body += "</table>\n"
        return HTML.page(title: "nnfs-book report", body: body)
    }
}
