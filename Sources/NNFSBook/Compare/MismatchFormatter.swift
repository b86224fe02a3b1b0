/// Readable failure messages: which line, which number, expected vs actual and by how much, at
/// the Markdown line of the expected text.
public enum MismatchFormatter {
    public static func messages(_ mismatches: [OutputMismatch], block: FencedBlock, file: String, what: String = "the book's output") -> [String] {
        format(mismatches) { m in
            let line = m.expectedIndex.map { block.firstContentLine + $0 } ?? block.closeLine
            return "\(file):\(line)"
        } header: { "output differs from \(what)" }
    }

    public static func messages(_ mismatches: [OutputMismatch], snapshotPath: String) -> [String] {
        format(mismatches) { m in
            m.expectedIndex.map { "\(snapshotPath):\($0 + 1)" } ?? snapshotPath
        } header: { "output differs from the snapshot" }
    }

    private static func format(_ mismatches: [OutputMismatch], location: (OutputMismatch) -> String, header: () -> String) -> [String] {
        var out: [String] = []
        for m in mismatches.prefix(OutputComparator.maxReported) {
            var text = "\(location(m)): \(header()): \(m.reason)"
            if let e = m.expectedText { text += "\n    expected: \(e)" }
            if let a = m.actualText { text += "\n    actual:   \(a)" }
            out.append(text)
        }
        if mismatches.count > OutputComparator.maxReported {
            out.append("... and \(mismatches.count - OutputComparator.maxReported) more differing lines")
        }
        return out
    }
}
