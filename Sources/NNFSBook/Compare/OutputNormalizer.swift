/// Whitespace normalisation applied to expected and actual output before comparing.
///
/// NumPy pads columns, so padding alone never fails a cell: runs of spaces and tabs collapse to
/// one space, line ends are stripped, a space right after `[` or right before `]` is dropped,
/// and trailing blank lines are ignored.
public enum OutputNormalizer {
    /// The normalised lines of `text`, keeping their original 0-based line indices.
    public static func lines(_ text: String) -> [(index: Int, text: String)] {
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { (index: $0.offset, text: normalize(line: String($0.element))) }
        while let last = lines.last, last.text.isEmpty { lines.removeLast() }
        return lines
    }

    public static func normalize(line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for ch in line {
            if ch == " " || ch == "\t" { pendingSpace = true; continue }
            if pendingSpace {
                if out.last != "[" && ch != "]" { out.append(" ") }
                pendingSpace = false
            }
            out.append(ch)
        }
        return out  // trailing spaces were pending and are dropped
    }
}
