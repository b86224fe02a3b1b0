/// HTML escaping helpers for the report.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{1}": out += "&#x2401;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A status badge.
    static func badge(_ text: String, _ kind: String) -> String {
        "<span class=\"badge \(kind)\">\(escape(text))</span>"
    }

    /// A page around `body`, with the report's inline style and the scripts of `assets`.
    static func page(title: String, body: String, assets: ReportAssets = .none) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(escape(title))</title>
        <style>\(ReportStyle.css)</style>
        \(assets.headTags)</head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Text lines in a `<pre>`, with the lines at `highlight` (0-based) marked.
    static func lines(_ text: String, highlight: Set<Int> = [], firstLineNumber: Int? = nil) -> String {
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let body = lines.enumerated().map { i, line in
            let number = firstLineNumber.map { "<span class=\"ln\">\($0 + i)</span>" } ?? ""
            let cls = highlight.contains(i) ? " class=\"bad\"" : ""
            return "<span\(cls)>\(number)\(escape(line))</span>"
        }.joined()  // each line is a block: no newline between them
        return "<pre>\(body.isEmpty ? "<span class=\"empty\">(no output)</span>" : body)</pre>"
    }
}

extension CellResult.Status {
    /// The CSS class of the status badge.
    var cssClass: String {
        switch self {
        case .passed, .updated: return "pass"
        case .failed: return "fail"
        case .experiment: return "experiment"
        case .skipped, .notSelected: return "skip"
        case .notRun, .ranForState: return "idle"
        }
    }
}
