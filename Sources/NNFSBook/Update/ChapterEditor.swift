/// Splices new output blocks into a chapter's bytes by line ranges, leaving every other byte
/// (line endings included) untouched.
public struct ChapterEditor {
    public enum Edit: Sendable, Equatable {
        /// Insert a new block right after line `after` (a swift cell's closing fence).
        case insertBlock(after: Int, info: String, content: String)
        /// Replace the content of the block whose fences are on lines `open` and `close`.
        case replaceContent(open: Int, close: Int, content: String)
    }

    public let source: SourceText

    public init(source: SourceText) { self.source = source }

    /// The edited bytes, and a unified-style diff (with Markdown line numbers of the original).
    public func apply(_ edits: [Edit], file: String) -> (bytes: [UInt8], diff: [String]) {
        let nl = source.preferredNewline
        var bytes = source.bytes
        var diff: [String] = []
        // From the bottom up, so earlier byte offsets stay valid.
        for edit in edits.sorted(by: { Self.anchor($0) > Self.anchor($1) }) {
            switch edit {
            case .insertBlock(let after, let info, let content):
                let fence = Self.fence(for: content)
                // A blank line first, as chapters separate blocks.
                let lines = ["", fence + info] + Self.lines(content) + [fence]
                let line = source.lines[after - 1]
                let prefix = line.end == line.contentEnd ? nl : ""  // the fence was the file's last line, unterminated
                let text = prefix + lines.map { $0 + nl }.joined()
                bytes.replaceSubrange(line.end..<line.end, with: Array(text.utf8))
                diff.insert(contentsOf: ["@@ \(file):\(after + 1) (new block) @@"] + lines.map { "+" + $0 }, at: 0)
            case .replaceContent(let open, let close, let content):
                let newLines = Self.lines(content)
                let oldLines = ((open + 1)..<close).map { source.line($0) }
                let openText = source.line(open)
                let existing = Fence(openingLine: openText)
                if let f = existing, !newLines.contains(where: { f.isClosedBy($0) }) {
                    let start = source.lines[open - 1].end
                    let end = source.lines[close - 1].start
                    bytes.replaceSubrange(start..<end, with: Array(newLines.map { $0 + nl }.joined().utf8))
                } else {
                    // The new content would close the old fence early: write a longer fence.
                    let fence = Self.fence(for: content)
                    let info = openText.drop(while: { $0 == " " || $0 == "`" || $0 == "~" })
                    let text = ([fence + info] + newLines + [fence]).map { $0 + nl }.joined()
                    let closing = source.lines[close - 1]
                    let end = closing.end == closing.contentEnd ? closing.contentEnd : closing.end
                    bytes.replaceSubrange(source.lines[open - 1].start..<end, with: Array(text.utf8))
                }
                diff.insert(contentsOf: ["@@ \(file):\(open + 1) @@"] + oldLines.map { "-" + $0 } + newLines.map { "+" + $0 }, at: 0)
            }
        }
        return (bytes, diff)
    }

    private static func anchor(_ e: Edit) -> Int {
        switch e {
        case .insertBlock(let after, _, _): return after
        case .replaceContent(let open, _, _): return open
        }
    }

    /// Output text as block lines: CRLF folded, trailing spaces and trailing blank lines dropped.
    static func lines(_ content: String) -> [String] {
        var lines = content.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var s = Substring(line)
            while s.last == " " || s.last == "\t" { s.removeLast() }
            return String(s)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A backtick fence longer than any backtick run that starts a content line.
    static func fence(for content: String) -> String {
        let longest = lines(content).map { $0.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count }.max() ?? 0
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
