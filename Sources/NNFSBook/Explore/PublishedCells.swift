import Foundation

/// The chapter's cells as published: the code of every swift cell, kept beside the snapshots in
/// `chapters/snapshots/<chapter-stem>/cells.txt` and written by `--update`. It is what edit
/// detection compares a chapter with and what `nnfs-book restore` puts back, so it needs no git.
///
/// The file stores each cell's code byte for byte (the lines between its fences, with their own
/// line ends), so a restore is exact:
///
/// ```text
/// nnfs-book published cells v1
/// cell 1 lines=3
/// <3 lines of code>
/// cell 2 lines=0
/// ```
public struct PublishedCells: Sendable, Equatable {
    /// The raw code of each published cell, in order (cell 1 first).
    public var codes: [String]

    public init(codes: [String]) { self.codes = codes }

    static let header = "nnfs-book published cells v1"

    /// Where a chapter's published cells live.
    public static func path(for chapter: Chapter) -> String {
        SnapshotStore(chapter: chapter).directory + "/cells.txt"
    }

    /// The raw bytes between a cell's fences, as they are in the file.
    public static func rawCode(_ cell: Cell, in source: SourceText) -> String {
        guard cell.code.closeLine - cell.code.openLine > 1 else { return "" }
        let start = source.lines[cell.code.openLine].start
        let end = source.lines[cell.code.closeLine - 1].start
        return String(decoding: source.bytes[start..<end], as: UTF8.self)
    }

    /// The cells of `chapter` as they are now.
    public init(chapter: Chapter) {
        codes = chapter.cells.map { Self.rawCode($0, in: chapter.source) }
    }

    public func render() -> String {
        var out = Self.header + "\n"
        for (i, code) in codes.enumerated() {
            let n = SourceText(code).lines.count
            out += "cell \(i + 1) lines=\(n)\n" + code
            if !code.isEmpty, !SourceText(code).endsWithNewline { out += "\n" }
        }
        return out
    }

    /// Reads the published cells; nil when the file does not exist. A file that is not in this
    /// format is an error naming it.
    public static func read(_ path: String) throws -> PublishedCells? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let source = SourceText(bytes: Array(data))
        guard source.line(1) == header else {
            throw RunnerError("\(Paths.display(path)):1: not a published-cells file (expected `\(header)`); rewrite it with `--update`")
        }
        var codes: [String] = []
        var line = 2
        while line <= source.lines.count {
            let head = source.line(line).split(separator: " ")
            guard head.count == 3, head[0] == "cell", Int(head[1]) == codes.count + 1,
                  head[2].hasPrefix("lines="), let n = Int(head[2].dropFirst(6)), n >= 0, line + n <= source.lines.count else {
                throw RunnerError("\(Paths.display(path)):\(line): expected `cell \(codes.count + 1) lines=N`; rewrite the file with `--update`")
            }
            if n == 0 {
                codes.append("")
            } else {
                let start = source.lines[line].start, end = source.lines[line + n - 1].end
                codes.append(String(decoding: source.bytes[start..<end], as: UTF8.self))
            }
            line += n + 1
        }
        return PublishedCells(codes: codes)
    }

    public func write(to path: String) throws {
        try AtomicFile.write(render(), to: path)
    }

    /// Code as edit detection sees it: line ends unified, each line trimmed, blank lines dropped.
    /// Changing indentation, trailing spaces or blank lines is not an experiment.
    public static func normalized(_ code: String) -> [String] {
        code.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// How a cell differs from the published chapter.
public enum CellEdit: Sendable, Equatable {
    /// Its code differs from published cell `published` (1-based), whose code is `code`.
    case edited(published: Int, code: String)
    /// Not in the published chapter.
    case new
}

/// Matches a chapter's cells with its published cells: cells with the same (normalised) code
/// are paired in order (a longest common subsequence); between two such pairs, remaining cells
/// pair up in order as *edited*, extra current cells are *new* and extra published cells
/// *deleted*.
public struct CellMatch: Sendable, Equatable {
    /// Per current cell (index - 1): nil when unchanged.
    public var edits: [CellEdit?]
    /// Published cells (1-based) that have no counterpart any more.
    public var deleted: [Int]
    /// Per current cell (index - 1): the published cell it corresponds to, if any.
    public var published: [Int?]

    public init(current: [String], published: [String]) {
        let a = current.map(PublishedCells.normalized), b = published.map(PublishedCells.normalized)
        let n = a.count, m = b.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits = [CellEdit?](repeating: nil, count: n)
        var counterpart = [Int?](repeating: nil, count: n)
        var deleted: [Int] = []
        var gapA: [Int] = [], gapB: [Int] = []
        func closeGap() {
            let pairs = Self.align(gapA.map { a[$0] }, gapB.map { b[$0] })
            var pairedB = Set<Int>()
            for (x, y) in pairs {
                edits[gapA[x]] = .edited(published: gapB[y] + 1, code: published[gapB[y]])
                counterpart[gapA[x]] = gapB[y] + 1
                pairedB.insert(y)
            }
            for (k, x) in gapA.enumerated() where !pairs.contains(where: { $0.0 == k }) { edits[x] = .new }
            deleted += gapB.indices.filter { !pairedB.contains($0) }.map { gapB[$0] + 1 }
            gapA = []; gapB = []
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                closeGap()
                counterpart[i] = j + 1
                i += 1; j += 1
            } else if j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
                gapA.append(i); i += 1
            } else {
                gapB.append(j); j += 1
            }
        }
        closeGap()
        self.edits = edits
        self.deleted = deleted.sorted()
        self.published = counterpart
    }

    /// Pairs the cells of a gap in order, most similar first: the pairing (order kept) with the
    /// largest total similarity. Similarity is the number of shared lines plus how much of the
    /// text the common start and end cover, so an edited cell pairs with its original and a cell
    /// inserted beside it stays new.
    static func align(_ x: [[String]], _ y: [[String]]) -> [(Int, Int)] {
        let n = x.count, m = y.count
        guard n > 0, m > 0 else { return [] }
        var best = Array(repeating: Array(repeating: 0.0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + similarity(x[i], y[j]))
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if best[i][j] == best[i + 1][j + 1] + similarity(x[i], y[j]) { pairs.append((i, j)); i += 1; j += 1 }
            else if best[i][j] == best[i + 1][j] { i += 1 } else { j += 1 }
        }
        return pairs
    }

    static func similarity(_ p: [String], _ q: [String]) -> Double {
        let shared = Set(p).intersection(q).count
        let s = Array(p.joined(separator: "\n")), t = Array(q.joined(separator: "\n"))
        let longest = max(s.count, t.count)
        guard longest > 0 else { return Double(shared) + 1 }
        var prefix = 0
        while prefix < min(s.count, t.count), s[prefix] == t[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(s.count, t.count) - prefix, s[s.count - 1 - suffix] == t[t.count - 1 - suffix] { suffix += 1 }
        return Double(shared) + Double(prefix + suffix) / Double(longest)
    }
}
