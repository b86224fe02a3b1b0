import Foundation
import Testing
@testable import NNFSBook

/// Bad input gets a clear error naming the file (and line) and fails the run (issue 10).
@Suite("Bad input")
struct BadInputTests {
    func errors(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try ChapterParser.parse(bytes: bytes, displayPath: "ch.md", absolutePath: "/ch.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func emptyBinaryAndNonUTF8FilesAreErrors() {
        #expect(errors([]) == ["ch.md: error: the file is empty"])
        #expect(errors(Array(" \n\n".utf8)) == ["ch.md: error: the file is empty"])
        #expect(errors(Array("# T\n\nabc\0def\n".utf8)) == ["ch.md:3: error: not a text file (a NUL byte); a chapter is UTF-8 Markdown"])
        #expect(errors(Array("# T\n".utf8) + [0xFF, 0x41]) == ["ch.md:2: error: not UTF-8 text; a chapter is UTF-8 Markdown"])
    }

    @Test(arguments: [("swfit", "swift"), ("swift5", "swift"), ("Output", "output"), ("ouptut", "output"), ("outputs", "output"), ("Swift", "swift")])
    func nearMissFencesAreErrorsWithAHint(info: String, meant: String) {
        let e = errors(Array("# T\n\n```\(info)\nprint(1)\n```\n".utf8))
        #expect(e.first?.hasPrefix("ch.md:3: error: unknown block language") == true || info.first!.isUppercase)
        #expect(e.first?.contains("`\(meant)`") == true)
    }

    @Test func otherLanguagesStayProse() throws {
        let c = try ChapterParser.parse("```python\nprint(1)\n```\n\n```text\nx\n```\n\n```swift\nprint(1)\n```\n")
        #expect(c.cells.count == 1)
    }

    @Test func tooManyCellsIsAClearError() {
        var md = ""
        for i in 0...ChapterParser.maxRunCells { md += "```swift\nprint(\(i))\n```\n\n" }
        let e = errors(Array(md.utf8))
        #expect(e.count == 1)
        #expect(e.first?.hasPrefix("ch.md:\(ChapterParser.maxRunCells * 4 + 1): error: too many cells: nnfs-book runs at most 200") == true)
    }

    @Test func cannotReadFileSaysWhy() throws {
        let dir = try makeTempDirectory()
        let missing = runChapter(dir + "/missing.md")
        #expect(missing.errors == ["\(dir)/missing.md: error: cannot read file: no such file"])
        let directory = runChapter(dir)
        #expect(directory.errors == ["\(dir): error: cannot read file: it is a directory, not a chapter"])
        let fifo = dir + "/fifo.md"
        mkfifo(fifo, 0o600)
        #expect(runChapter(fifo).errors == ["\(fifo): error: cannot read file: not a regular file"])
    }

    /// A chapter without swift cells (empty, truncated, mistyped) fails `run` and `verify`.
    @Test func chapterWithoutCellsFails() throws {
        let path = try writeChapter("# Only prose\n\nNothing to run.\n")
        let r = runChapter(path)
        #expect(r.errors == ["\(path): error: the chapter has no ```swift cells (an empty, truncated or mistyped chapter?)"])
        let failed = r.failed
        #expect(failed)
    }

    /// A report that cannot be written fails the run with a plain message.
    @Test func unwritableReportFailsTheSession() throws {
        let dir = try makeTempDirectory()
        try AtomicFile.write("```swift skip reason=\"x\"\nprint(1)\n```\n", to: dir + "/01-a.md")
        try AtomicFile.write("a file, not a folder", to: dir + "/blocker")
        let lines = LockedLines()
        let session = BookSession(options: RunOptions(root: packageRoot), reportDirectory: dir + "/blocker/out",
                                  junitPath: dir + "/blocker/j.xml", print: { lines.append($0) })
        let outcome = session.runAll([dir + "/01-a.md"])
        #expect(outcome.results.map(\.failed) == [false])
        #expect(outcome.failed)
        // The report's first write is its first file: `assets/highlight.min.js` where Debian's
        // highlight.js is installed, the chapter page otherwise.
        let first = FileManager.default.fileExists(atPath: ReportAssets.highlightSource) ? "assets/highlight.min.js" : "01-a.html"
        #expect(outcome.reportErrors == [
            "nnfs-book: error: could not write the report: cannot write \(dir)/blocker/out/\(first): \(dir)/blocker is not a directory",
            "nnfs-book: error: could not write the junit xml: cannot write \(dir)/blocker/j.xml: \(dir)/blocker is not a directory",
        ])
    }

    /// A path holding quotes, a backslash and a newline neither breaks the generated program nor
    /// loses the crash line.
    @Test func oddPathKeepsItsCrashLine() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/we\"ird\\na\nme.md"
        try AtomicFile.write("""
            ```swift
            print("ok")
            ```

            ```output
            ok
            ```

            ```swift
            let a: [Int] = []
            print(a[1])
            ```
            """, to: path)
        let r = runChapter(path)
        #expect(r.errors == [])
        #expect(r.statuses == [.passed, .failed])
        #expect(r.cells[1].failure == .crash)
        #expect(r.cells[1].crash?.location == "\(path):11")
    }
}
