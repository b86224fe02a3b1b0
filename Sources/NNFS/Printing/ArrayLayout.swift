// Brackets, separators, line wrapping and summarisation: NumPy's `_formatArray`,
// `_extendLine` and `_leading_trailing` (arrayprint.py, NumPy 2.x, legacy=False).

/// NumPy's default print options that govern layout.
enum PrintOptions {
    /// `linewidth`: characters per line (a repr gives one up for its closing parenthesis).
    /// Set by ``np/setPrintoptions(linewidth:)``; like NumPy's, the setting lasts for the process.
    nonisolated(unsafe) static var lineWidth = 75
    /// `threshold`: arrays with more elements than this are summarised.
    static let threshold = 1000
    /// `edgeitems`: elements kept at each end of a summarised axis.
    static let edgeItems = 3
}

enum ArrayLayout {
    /// Row-major flat indices of the elements that will be printed, in print order.
    ///
    /// Without summarisation that is every element. With it, each axis longer than
    /// `2 * edgeItems` keeps only its first and last `edgeItems` entries (NumPy's
    /// `_leading_trailing`), and the format is computed from those elements alone.
    static func shownIndices(shape: [Int], summarize: Bool, edgeItems: Int) -> [Int] {
        let count = shape.reduce(1, *)
        if !summarize { return Array(0..<count) }
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = s
            s *= shape[axis]
        }
        var out: [Int] = []
        func visit(_ axis: Int, _ base: Int) {
            if axis == shape.count {
                out.append(base)
                return
            }
            let n = shape[axis]
            if 2 * edgeItems < n {
                for i in 0..<edgeItems { visit(axis + 1, base + i * strides[axis]) }
                for i in (n - edgeItems)..<n { visit(axis + 1, base + i * strides[axis]) }
            } else {
                for i in 0..<n { visit(axis + 1, base + i * strides[axis]) }
            }
        }
        visit(0, 0)
        return out
    }

    /// NumPy's `_formatArray`: nests `words` (the formatted shown elements, in print order)
    /// in brackets.
    ///
    /// - The last axis is laid out as words joined by `separator`, wrapped so that no line
    ///   exceeds `lineWidth` (less one for the closing bracket), continuation lines indented by
    ///   `nextLinePrefix` plus one space per enclosing bracket. A line is never broken while it
    ///   holds only its indent. Trailing spaces of wrapped lines are stripped.
    /// - Outer axes put their sub-arrays on separate lines, with `n - 1` blank lines between
    ///   blocks of an axis that has `n` axes below it (the separator's non-blank part, `,` in
    ///   a repr, ends each line).
    /// - Summarised axes show `...` between their leading and trailing `edgeItems` entries.
    /// - A 0-D array is its single word, without brackets.
    static func format(
        shape: [Int], words: [String], lineWidth: Int, nextLinePrefix: String,
        separator: String, edgeItems: Int, summarize: Bool
    ) -> String {
        if shape.isEmpty { return words[0] }
        var next = 0
        var sepStripped = separator
        while sepStripped.last?.isWhitespace == true { sepStripped.removeLast() }
        let sepStrippedCount = sepStripped.utf8.count

        func recurse(_ axis: Int, hanging: String, width: Int) -> String {
            let axesLeft = shape.count - axis
            let nextHanging = hanging + " "
            let nextWidth = width - 1
            let n = shape[axis]
            let showSummary = summarize && 2 * edgeItems < n
            let leading = showSummary ? edgeItems : 0
            let trailing = showSummary ? edgeItems : n
            var s = ""
            if axesLeft == 1 {
                let elemWidth = width - max(sepStrippedCount, 1)
                var line = hanging
                for _ in 0..<leading {
                    extendLine(&s, &line, words[next], elemWidth, hanging)
                    next += 1
                    line += separator
                }
                if showSummary {
                    extendLine(&s, &line, "...", elemWidth, hanging)
                    line += separator
                }
                if trailing > 1 {
                    for _ in 0..<(trailing - 1) {
                        extendLine(&s, &line, words[next], elemWidth, hanging)
                        next += 1
                        line += separator
                    }
                }
                extendLine(&s, &line, words[next], elemWidth, hanging)
                next += 1
                s += line
            } else {
                let lineSep = sepStripped + String(repeating: "\n", count: axesLeft - 1)
                for _ in 0..<leading {
                    s += hanging
                    s += recurse(axis + 1, hanging: nextHanging, width: nextWidth)
                    s += lineSep
                }
                if showSummary {
                    s += hanging
                    s += "..."
                    s += lineSep
                }
                if trailing > 1 {
                    for _ in 0..<(trailing - 1) {
                        s += hanging
                        s += recurse(axis + 1, hanging: nextHanging, width: nextWidth)
                        s += lineSep
                    }
                }
                s += hanging
                s += recurse(axis + 1, hanging: nextHanging, width: nextWidth)
            }
            return "[" + s.dropFirst(hanging.count) + "]"
        }
        return recurse(0, hanging: nextLinePrefix, width: lineWidth)
    }

    /// NumPy's `_extendLine` for single-line words.
    private static func extendLine(_ s: inout String, _ line: inout String, _ word: String, _ lineWidth: Int, _ nextLinePrefix: String) {
        let lineCount = line.utf8.count
        var needsWrap = lineCount + word.utf8.count > lineWidth
        if lineCount <= nextLinePrefix.utf8.count { needsWrap = false }
        if needsWrap {
            while line.last == " " { line.removeLast() }
            s += line
            s += "\n"
            line = nextLinePrefix
        }
        line += word
    }
}
