import Foundation

/// How an experiment's output moved from the book's: a one-line summary and the lines that differ,
/// book beside ours, with the numbers that moved marked. Training logs (`epoch: N, acc: A, loss: L`)
/// are paired by epoch; other outputs line by line.
public struct Exploration: Sendable, Equatable {
    /// A piece of a line: text, or a number that moved (`moved`).
    public struct Piece: Sendable, Equatable {
        public var text: String
        public var moved: Bool
    }

    /// One differing line: the book's (nil: the book has no such line) and ours (nil: we printed none).
    public struct Pair: Sendable, Equatable {
        public var book: [Piece]?
        public var ours: [Piece]?
    }

    /// One line: `training log: first differs at epoch 100; ...`.
    public var summary: String
    /// Every differing line pair, in order.
    public var pairs: [Pair]

    /// How many pairs the short view shows before "and N more lines differ".
    public static let shortLines = 3

    /// Compares `actual` with the book's text `expected` (nil: the cell has no book output).
    /// `tolerance` is the output block's; lines within it are not counted as moved.
    public static func make(expected: String?, tolerance: Double?, actual: String) -> Exploration {
        let comparator = OutputComparator(relativeTolerance: tolerance)
        let book = OutputNormalizer.lines(expected ?? "").map(\.text)
        let ours = OutputNormalizer.lines(actual).map(\.text)
        let bookLog = TrainingCurve.points(expected ?? ""), ourLog = TrainingCurve.points(actual)
        let isLog = !bookLog.isEmpty && !ourLog.isEmpty
            && book.allSatisfy { $0 == OutputComparator.wildcard || $0.hasPrefix("epoch: ") }
        var raw: [(String?, String?)] = []
        if isLog {
            var byEpoch: [Double: String] = [:]
            for line in ours { if let p = TrainingCurve.points(line).first { byEpoch[p.epoch] = line } }
            for line in book where line != OutputComparator.wildcard {
                raw.append((line, TrainingCurve.points(line).first.flatMap { byEpoch[$0.epoch] }))
            }
        } else {
            let head = book.firstIndex(of: OutputComparator.wildcard) ?? book.count
            if head == book.count {
                for k in 0..<max(book.count, ours.count) { raw.append((k < book.count ? book[k] : nil, k < ours.count ? ours[k] : nil)) }
            } else {
                // With `...`: the lines before it pair from the start, the lines after the last one from the end.
                let tail = book.count - 1 - (book.lastIndex(of: OutputComparator.wildcard) ?? 0)
                for k in 0..<head { raw.append((book[k], k < ours.count ? ours[k] : nil)) }
                for k in 0..<tail {
                    let b = book[book.count - tail + k], o = ours.count - tail + k
                    raw.append((b, o >= head && o < ours.count ? ours[o] : nil))
                }
            }
        }
        var pairs: [Pair] = []
        var firstDiffering: (String?, String?)?
        for (b, o) in raw {
            let same = b != nil && o != nil && comparator.compare(expected: b!, actual: o!).isEmpty
            if same { continue }
            if firstDiffering == nil { firstDiffering = (b, o) }
            pairs.append(mark(book: b, ours: o))
        }
        let summary: String
        if expected == nil {
            summary = "no book output to compare with: ours prints \(count(ours.count, "line"))"
        } else if isLog {
            summary = logSummary(book: bookLog, ours: ourLog, first: firstDiffering, differing: pairs.count)
        } else if pairs.isEmpty {
            summary = "same output as the book"
        } else {
            var s = "\(pairs.count) of \(raw.count) compared lines differ from the book"
            if let p = pairs.first, let b = p.book, let o = p.ours,
               let moved = zip(b, o).first(where: { $0.0.moved }) {
                s += "; first: \(moved.0.text) → \(moved.1.text) (book → ours)"
            }
            summary = s
        }
        return Exploration(summary: summary, pairs: pairs)
    }

    private static func logSummary(book: [TrainingCurve.Point], ours: [TrainingCurve.Point], first: (String?, String?)?,
                                   differing: Int) -> String {
        var s = "training log: "
        if let f = first, let p = TrainingCurve.points(f.0 ?? f.1 ?? "").first {
            s += "first differs from the book at epoch \(Int(p.epoch))"
        } else {
            s += "matches the book at all \(book.count) printed epochs"
        }
        let lastBook = book.last!
        if let lastOurs = ours.first(where: { $0.epoch == lastBook.epoch }) ?? ours.last {
            s += "; final (epoch \(Int(lastOurs.epoch))): acc \(fixed(lastBook.accuracy)) → \(fixed(lastOurs.accuracy)), loss \(fixed(lastBook.loss)) → \(fixed(lastOurs.loss)) (book → ours)"
        }
        return s
    }

    /// Where `actual` first differs from `reference` at every printed digit: `epoch N` for a
    /// training log, else `line N`; nil when they agree.
    public static func firstDifference(reference: String, actual: String) -> String? {
        let x = make(expected: reference, tolerance: nil, actual: actual)
        guard let p = x.pairs.first else { return nil }
        let text = (p.ours ?? p.book).map { $0.map(\.text).joined() } ?? ""
        if let e = TrainingCurve.points(text).first { return "epoch \(Int(e.epoch))" }
        let lines = OutputNormalizer.lines(actual).map(\.text)
        return lines.firstIndex(of: text).map { "line \($0 + 1)" } ?? "the end"
    }

    static func fixed(_ v: Double) -> String { String(format: "%.3f", v) }
    static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Splits both lines into text and numbers and marks the numbers that moved: those that differ
    /// at the book's printed precision, or every number when the text around them differs.
    static func mark(book: String?, ours: String?) -> Pair {
        guard let b = book, let o = ours else {
            return Pair(book: book.map { [Piece(text: $0, moved: false)] }, ours: ours.map { [Piece(text: $0, moved: false)] })
        }
        let tb = HTMLOutputDiff.tokens(b), to = HTMLOutputDiff.tokens(o)
        let sameFrame = tb.count == to.count && zip(tb, to).allSatisfy { p in
            p.0.isNumber == p.1.isNumber && (p.0.isNumber || HTMLOutputDiff.squash(p.0.text) == HTMLOutputDiff.squash(p.1.text))
        }
        guard sameFrame else {
            return Pair(book: tb.map { Piece(text: $0.text, moved: $0.isNumber) }, ours: to.map { Piece(text: $0.text, moved: $0.isNumber) })
        }
        var pb: [Piece] = [], po: [Piece] = []
        for (x, y) in zip(tb, to) {
            let moved = x.isNumber && OutputComparator().compare(expected: x.text, actual: y.text).isEmpty == false
            pb.append(Piece(text: x.text, moved: moved))
            po.append(Piece(text: y.text, moved: moved))
        }
        return Pair(book: pb, ours: po)
    }

    /// The console view: the summary, then at most `limit` differing pairs (nil: all), then
    /// "and N more lines differ". Moved numbers are marked «like this».
    public func consoleLines(limit: Int? = Exploration.shortLines) -> [String] {
        var out = [summary]
        let shown = limit.map { Array(pairs.prefix($0)) } ?? pairs
        for p in shown {
            out.append("  book: " + (p.book.map(Self.render) ?? "(no line)"))
            out.append("  ours: " + (p.ours.map(Self.render) ?? "(no line)"))
        }
        if pairs.count > shown.count { out.append("  and \(pairs.count - shown.count) more line\(pairs.count - shown.count == 1 ? "" : "s") differ (all: --full-diff)") }
        return out
    }

    static func render(_ pieces: [Piece]) -> String {
        pieces.map { $0.moved ? "«\($0.text)»" : $0.text }.joined()
    }
}
