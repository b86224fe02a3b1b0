/// Readable failure messages: which line, which number, expected vs actual and by how much, at
/// the Markdown line of the expected text.
///
/// Diffs are short: at most ``shortLimit`` differing lines, then "and N more lines differ"
/// (`limit: nil`, from `--full-diff`, lists them all).
public enum MismatchFormatter {
    /// How many differing lines a message lists by default.
    public static let shortLimit = 3

    public static func messages(_ mismatches: [OutputMismatch], block: FencedBlock, file: String, what: String = "the book's output",
                                limit: Int? = shortLimit) -> [String] {
        format(mismatches, limit: limit) { m in
            let line = m.expectedIndex.map { block.firstContentLine + $0 } ?? block.closeLine
            return "\(file):\(line)"
        } header: { "output differs from \(what)" }
    }

    public static func messages(_ mismatches: [OutputMismatch], snapshotPath: String, limit: Int? = shortLimit) -> [String] {
        format(mismatches, limit: limit) { m in
            m.expectedIndex.map { "\(snapshotPath):\($0 + 1)" } ?? snapshotPath
        } header: { "output differs from the snapshot" }
    }

    private static func format(_ mismatches: [OutputMismatch], limit: Int?, location: (OutputMismatch) -> String, header: () -> String) -> [String] {
        var out: [String] = []
        let shown = limit ?? mismatches.count
        for m in mismatches.prefix(shown) {
            var text = "\(location(m)): \(header()): \(m.reason)"
            if let e = m.expectedText { text += "\n    expected: \(e)" }
            if let a = m.actualText { text += "\n    actual:   \(a)" }
            out.append(text)
        }
        if mismatches.count > shown {
            let more = mismatches.count - shown
            out.append("and \(more) more line\(more == 1 ? "" : "s") differ (all: --full-diff)")
        }
        return out
    }
}
