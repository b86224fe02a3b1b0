import CCmark
import Foundation

/// Markdown -> ``Chapter``: finds the fenced `swift` and `output` blocks with libcmark and checks
/// them against the chapter format (docs/chapter-format.md). Every problem is reported with its
/// `file:line`, all at once.
public enum ChapterParser {
    /// Reads and parses the chapter at `path` (absolute, or relative to the current directory).
    public static func load(path: String) throws -> Chapter {
        let absolute = Paths.absolute(path)
        var st = stat()
        guard stat(absolute, &st) == 0 else {
            let why = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw BookError(file: path, line: nil, "cannot read file: \(why)")
        }
        if st.st_mode & S_IFMT == S_IFDIR { throw BookError(file: path, line: nil, "cannot read file: it is a directory, not a chapter") }
        if st.st_mode & S_IFMT != S_IFREG { throw BookError(file: path, line: nil, "cannot read file: not a regular file") }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw BookError(file: path, line: nil, "cannot read file: \(String(cString: strerror(errno == 0 ? EACCES : errno)))")
        }
        return try parse(bytes: Array(data), displayPath: Paths.display(absolute), absolutePath: absolute)
    }

    /// The most cells a chapter's program can nest (see ProgramGenerator).
    public static let maxRunCells = 200

    /// Why `bytes` is not a chapter's text (empty, binary, not UTF-8), with the line, or nil.
    static func notText(_ bytes: [UInt8]) -> (line: Int?, message: String)? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return (nil, "the file is empty")
        }
        func line(at i: Int) -> Int { bytes[..<i].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }
        if let nul = bytes.firstIndex(of: 0) {
            return (line(at: nul), "not a text file (a NUL byte); a chapter is UTF-8 Markdown")
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            var i = 0
            while i < bytes.count, case let n = OutputText.sequenceLength(bytes, at: i), n > 0 { i += n }
            return (i < bytes.count ? line(at: i) : nil, "not UTF-8 text; a chapter is UTF-8 Markdown")
        }
        return nil
    }

    /// Parses chapter Markdown held in memory.
    public static func parse(_ markdown: String, displayPath: String = "chapter.md") throws(BookErrors) -> Chapter {
        try parse(bytes: Array(markdown.utf8), displayPath: displayPath, absolutePath: displayPath)
    }

    public static func parse(bytes: [UInt8], displayPath: String, absolutePath: String) throws(BookErrors) -> Chapter {
        let source = SourceText(bytes: bytes)
        var errors: [BookError] = []
        func fail(_ line: Int?, _ message: String) { errors.append(BookError(file: displayPath, line: line, message)) }
        if let problem = Self.notText(bytes) {
            throw BookErrors([BookError(file: displayPath, line: problem.line, problem.message)])
        }

        var cells: [Cell] = []
        for node in MarkdownDocument(bytes: bytes).codeBlocks() {
            var kind: InfoString
            do { kind = try InfoString.parse(node.info) } catch {
                fail(node.startLine, error.message)
                // Keep the block's place so that its output block is not reported a second time.
                kind = node.info.hasPrefix("output") ? .output(OutputOptions()) : .code(CodeOptions())
            }
            if node.topLevel, let fence = Fence(openingLine: source.line(node.startLine)) {
                if !(node.endLine > node.startLine && fence.isClosedBy(source.line(node.endLine))) {
                    fail(node.startLine, "unclosed code fence: the block opened here with \(fence.text) runs to the end of the file; close it with a line \(fence.text)")
                    continue
                }
            }
            if kind == .other { continue }
            guard node.topLevel else {
                fail(node.startLine, "a `\(node.info.split(separator: " ").first ?? "")` block must be at the top level of the chapter, not inside a list or quote")
                continue
            }
            let block = FencedBlock(openLine: node.startLine, closeLine: node.endLine, info: node.info, literal: node.literal)
            switch kind {
            case .code(let options):
                cells.append(Cell(index: cells.count + 1, code: block, options: options, output: nil))
            case .output(let options):
                guard var cell = cells.popLast() else {
                    fail(block.openLine, "output block without a preceding swift cell"); continue
                }
                defer { cells.append(cell) }
                if let existing = cell.output {
                    fail(block.openLine, "second output block for the swift cell at line \(cell.code.openLine) (the first is at line \(existing.block.openLine))")
                } else if cell.options.global {
                    fail(block.openLine, "the swift cell at line \(cell.code.openLine) is `global` and may not print: remove this output block")
                } else {
                    cell.output = OutputBlock(block: block, options: options)
                }
            case .other:
                break
            }
        }
        let running = cells.filter { !$0.options.global && !$0.options.isSkipped }
        if running.count > maxRunCells {
            fail(running[maxRunCells].code.openLine, "too many cells: nnfs-book runs at most \(maxRunCells) non-global cells per chapter (each cell is a nested Swift scope, and Swift allows 256 levels of nesting, some of which the cells' own code needs); split the chapter")
        }
        if !errors.isEmpty { throw BookErrors(errors) }
        return Chapter(displayPath: displayPath, absolutePath: absolutePath, source: source, cells: cells)
    }
}

/// An opening code fence: "```" or "~~~" (3 or more), indented at most 3 spaces.
struct Fence {
    var character: Character
    var length: Int
    var text: String { String(repeating: character, count: length) }

    init?(openingLine: String) {
        let trimmed = openingLine.drop(while: { $0 == " " })
        guard openingLine.count - trimmed.count <= 3, let c = trimmed.first, c == "`" || c == "~" else { return nil }
        let n = trimmed.prefix(while: { $0 == c }).count
        guard n >= 3 else { return nil }
        character = c
        length = n
    }

    /// CommonMark's closing-fence rule: same character, at least as long, nothing but spaces after.
    func isClosedBy(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count <= 3 else { return false }
        let run = trimmed.prefix(while: { $0 == character }).count
        return run >= length && trimmed.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
