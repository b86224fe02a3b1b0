/// A chapter's bytes split into lines the way CommonMark counts them.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, and are split on bytes: a Swift `String` treats
/// `"\r\n"` as one `Character`, so splitting Characters on `"\n"` would miss every CRLF line.
/// Each line remembers its terminator so that splicing keeps the file byte-identical.
public struct SourceText: Sendable {
    public struct Line: Sendable, Equatable {
        /// Byte offset of the first byte of the line.
        public var start: Int
        /// Byte offset just past the line's content (before its terminator).
        public var contentEnd: Int
        /// Byte offset just past the terminator (== `contentEnd` on a last line without one).
        public var end: Int
    }

    public let bytes: [UInt8]
    /// `lines[0]` is line 1.
    public let lines: [Line]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                lines.append(Line(start: start, contentEnd: i, end: i + 1))
                i += 1
                start = i
            } else if b == 0x0D {
                let end = (i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? i + 2 : i + 1
                lines.append(Line(start: start, contentEnd: i, end: end))
                i = end
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count {
            lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count))
        }
        self.lines = lines
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// The text of 1-based line `number` without its terminator ("" past the end).
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        let l = lines[number - 1]
        return String(decoding: bytes[l.start..<l.contentEnd], as: UTF8.self)
    }

    /// The line terminator new lines should use: CRLF if the file already uses it.
    public var preferredNewline: String {
        for l in lines where l.end > l.contentEnd {
            return l.end - l.contentEnd == 2 ? "\r\n" : (bytes[l.contentEnd] == 0x0D ? "\r" : "\n")
        }
        return "\n"
    }

    /// Whether the last line ends with a terminator.
    public var endsWithNewline: Bool {
        guard let last = lines.last else { return true }
        return last.end > last.contentEnd
    }
}
