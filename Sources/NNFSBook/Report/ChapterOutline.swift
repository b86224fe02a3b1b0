import CCmark
import Foundation

/// What a table of contents needs from a chapter: its number and title (from the `# Chapter N:
/// Title` heading, not the file name), a one-line summary (the first sentence of its first
/// paragraph), and its sections with the anchors the chapter page gives them.
struct ChapterOutline {
    struct Section: Equatable {
        var level: Int
        var title: String
        var anchor: String
    }

    var number: String?
    var title: String
    var summary: String
    var sections: [Section]

    init(_ r: ChapterResult) {
        guard let chapter = r.chapter else {
            self.init(number: nil, title: r.name, summary: "", sections: [])
            return
        }
        self.init(chapter)
    }

    init(number: String?, title: String, summary: String, sections: [Section]) {
        (self.number, self.title, self.summary, self.sections) = (number, title, summary, sections)
    }

    init(_ chapter: Chapter) {
        let document = MarkdownDocument(bytes: chapter.source.bytes)
        var heading: String?
        var summary = ""
        var sections: [Section] = []
        var anchors = Anchors()
        for node in document.topLevelNodes() {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                let text = Self.plainText(node)
                if level == 1 && heading == nil { heading = text; continue }
                sections.append(Section(level: level, title: text, anchor: anchors.make(text)))
            } else if summary.isEmpty && MarkdownDocument.isParagraph(node) {
                summary = Self.firstSentence(Self.plainText(node))
            }
        }
        let h = heading ?? chapter.stem
        // "Chapter 3: Adding Layers" -> ("3", "Adding Layers")
        var number: String?
        var title = h
        if h.hasPrefix("Chapter "), let colon = h.firstIndex(of: ":") {
            number = String(h[h.index(h.startIndex, offsetBy: 8)..<colon]).trimmingCharacters(in: .whitespaces)
            title = String(h[h.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        self.init(number: number, title: title, summary: summary, sections: sections)
    }

    /// The text of a node's inline content (code spans keep their text, markup is dropped).
    static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iter = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func firstSentence(_ text: String) -> String {
        var sentence = text
        if let end = text.range(of: ". ") { sentence = String(text[..<end.lowerBound]) + "." }
        return sentence.count > 180 ? String(sentence.prefix(177)) + "…" : sentence
    }
}

/// GitHub-style heading anchors (`## Two layers` -> `two-layers`), unique within a page.
struct Anchors {
    private var used: [String: Int] = [:]

    mutating func make(_ text: String) -> String {
        var slug = ""
        for ch in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) { slug.unicodeScalars.append(ch) } else if ch == " " || ch == "-" { slug += "-" }
        }
        if slug.isEmpty { slug = "section" }
        let n = used[slug, default: 0]
        used[slug] = n + 1
        return n == 0 ? slug : "\(slug)-\(n)"
    }
}
