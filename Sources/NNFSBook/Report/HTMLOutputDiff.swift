import Foundation

/// The book's output beside ours with the numbers that differ marked.
///
/// Lines are paired by position when both texts have the same number of lines (and no `...`
/// wildcard). In a pair whose text around the numbers agrees, each number whose value differs is
/// wrapped in `<mark>`; other pairs, and lines the comparator reported, are marked whole.
enum HTMLOutputDiff {
    static func panes(expected: String, actual: String, badExpected: Set<Int>, badActual: Set<Int>) -> (String, String) {
        let e = lines(expected), a = lines(actual)
        guard e.count == a.count, !e.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "..." }) else {
            return (HTML.lines(expected, highlight: badExpected), HTML.lines(actual, highlight: badActual))
        }
        var left: [String] = [], right: [String] = []
        for (x, y) in zip(e, a) {
            let tx = tokens(x), ty = tokens(y)
            let sameFrame = tx.count == ty.count && zip(tx, ty).allSatisfy { p in
                p.0.isNumber == p.1.isNumber && (p.0.isNumber || squash(p.0.text) == squash(p.1.text))
            }
            if sameFrame {
                var l = "", r = ""
                for (p, q) in zip(tx, ty) {
                    let differs = p.isNumber && Double(p.text) != Double(q.text)
                    l += differs ? "<mark>\(HTML.escape(p.text))</mark>" : HTML.escape(p.text)
                    r += differs ? "<mark>\(HTML.escape(q.text))</mark>" : HTML.escape(q.text)
                }
                left.append("<span>\(l)</span>"); right.append("<span>\(r)</span>")
            } else {
                left.append("<span class=\"bad\">\(HTML.escape(x))</span>"); right.append("<span class=\"bad\">\(HTML.escape(y))</span>")
            }
        }
        func pre(_ spans: [String]) -> String { "<pre>" + (spans.isEmpty ? "<span class=\"empty\">(no output)</span>" : spans.joined()) + "</pre>" }
        return (pre(left), pre(right))
    }

    static func lines(_ text: String) -> [String] {
        var l = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while l.last == "" { l.removeLast() }
        return l
    }

    struct Token { var text: String; var isNumber: Bool }

    /// Splits a line into numbers (`-1.5e-07`, `0.920`, `3.`) and the text between them.
    static func tokens(_ line: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(line)
        var i = 0, text = ""
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let startsNumber = isDigit(chars[i]) || (chars[i] == "-" && i + 1 < chars.count && isDigit(chars[i + 1]))
            let inWord = i > 0 && (chars[i - 1].isLetter || isDigit(chars[i - 1]) || chars[i - 1] == "_")
            guard startsNumber && !inWord else { text.append(chars[i]); i += 1; continue }
            var j = i + 1
            while j < chars.count && (isDigit(chars[j]) || chars[j] == ".") { j += 1 }
            if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                var k = j + 1
                if k < chars.count, chars[k] == "-" || chars[k] == "+" { k += 1 }
                if k < chars.count, isDigit(chars[k]) { j = k; while j < chars.count && isDigit(chars[j]) { j += 1 } }
            }
            if !text.isEmpty { out.append(Token(text: text, isNumber: false)); text = "" }
            out.append(Token(text: String(chars[i..<j]), isNumber: true))
            i = j
        }
        if !text.isEmpty { out.append(Token(text: text, isNumber: false)) }
        return out
    }

    /// Whitespace runs count as one space, as the comparator normalises them.
    static func squash(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
