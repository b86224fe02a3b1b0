import CCmark
import Foundation

/// Pipe tables (`| a | b |` with a `|---|---|` delimiter row) in chapter prose.
///
/// The chapters are CommonMark, which has no tables; cmark reads such a block as a paragraph. The
/// report renders it as a table, each cell's inline Markdown through cmark.
enum HTMLTable {
    /// The table for `lines` (a paragraph's source lines), or nil when they are not a pipe table.
    static func render(_ lines: [String]) -> String? {
        let rows = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        guard rows.count >= 2, rows.allSatisfy({ $0.hasPrefix("|") }), isDelimiter(rows[1]) else { return nil }
        let header = cells(rows[0])
        var html = "<table>\n<thead><tr>" + header.map { "<th>\(inline($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows.dropFirst(2) {
            var c = cells(row)
            c += Array(repeating: "", count: max(0, header.count - c.count))
            html += "<tr>" + c.prefix(header.count).map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func isDelimiter(_ row: String) -> Bool {
        let c = cells(row)
        return !c.isEmpty
            && c.allSatisfy { cell in
                let t = cell.trimmingCharacters(in: .whitespaces)
                let core = t.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
                return !core.isEmpty && core.allSatisfy { $0 == "-" }
            }
    }

    /// Splits `| a | b |` into `["a", "b"]`; `\|` and pipes inside backticks stay in the cell.
    static func cells(_ row: String) -> [String] {
        var out: [String] = [], cur = "", inCode = false, escaped = false
        var body = Substring(row)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") && !body.hasSuffix("\\|") { body = body.dropLast() }
        for ch in body {
            if escaped { cur.append(ch == "|" ? "|" : "\\\(ch)"); escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "`": inCode.toggle(); cur.append(ch)
            case "|" where !inCode: out.append(cur.trimmingCharacters(in: .whitespaces)); cur = ""
            default: cur.append(ch)
            }
        }
        out.append(cur.trimmingCharacters(in: .whitespaces))
        return out
    }

    /// cmark's HTML for one cell's inline Markdown, without the paragraph wrapper.
    static func inline(_ markdown: String) -> String {
        guard let p = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(p) }
        var html = String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }
}
