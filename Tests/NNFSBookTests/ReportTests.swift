import Foundation
import Testing
@testable import NNFSBook

@Suite("Reports")
struct ReportTests {
    /// A result made by hand: cell 1 passed, cell 2 failed on its second line.
    func sampleResult() throws -> ChapterResult {
        let chapter = try ChapterParser.parse("""
            # Layers <&>

            Prose with *emphasis*.

            ```swift
            print("a < b")
            ```

            ```output
            a < b
            ```

            ```swift
            print(1); print(2)
            ```

            ```output
            1
            3
            ```
            """, displayPath: "chapters/03-x.md")
        var ok = CellResult(cell: chapter.cells[0], status: .passed, seconds: 0.25, actual: "a < b\n")
        ok.notes = []
        var bad = CellResult(cell: chapter.cells[1], status: .failed, failure: .output, seconds: 0.5, actual: "1\n2\n")
        bad.mismatches = OutputComparator().compare(expected: "1\n3\n", actual: "1\n2\n")
        bad.messages = MismatchFormatter.messages(bad.mismatches, block: chapter.cells[1].output!.block, file: chapter.displayPath)
        var r = ChapterResult(path: chapter.displayPath, chapter: chapter)
        r.cells = [ok, bad]
        r.compileSeconds = 0.4
        r.runSeconds = 0.75
        return r
    }

    @Test func chapterPageRendersProseCellsAndHighlights() throws {
        let html = HTMLChapterPage.render(try sampleResult())
        #expect(html.contains("<h1>Layers &lt;&amp;&gt;</h1>"))          // prose rendered by cmark
        #expect(html.contains("<em>emphasis</em>"))
        #expect(html.contains("print(&quot;a &lt; b&quot;)"))            // code escaped
        #expect(!html.contains("print(\"a < b\")"))
        #expect(html.contains("<section class=\"cell fail\" id=\"cell-2\">"))
        #expect(html.contains("<span class=\"bad\">3</span>"))           // expected line 2 highlighted
        #expect(html.contains("<span class=\"bad\">2</span>"))           // actual line 2 highlighted
        #expect(html.contains("chapters/03-x.md:19: output differs from the book&#39;s output: number 1: expected 3, got 2"))
        // The output blocks are shown inside their cells, not a second time as prose.
        #expect(html.components(separatedBy: "a &lt; b").count - 1 == 3)  // code, expected, actual
    }

    @Test func indexAndConsoleTotals() throws {
        let r = try sampleResult()
        let index = HTMLIndex.render([r], pages: ["03-x.html"], seconds: 1.5)
        #expect(index.contains("<a href=\"03-x.html\">chapters/03-x.md</a>"))
        #expect(index.contains("<span class=\"badge fail\">FAIL</span>"))
        #expect(ConsoleReport.total([r], seconds: 1.5) == "Total: 1 chapter (1 failing) in 1.50 s\nnnfs-book: 1 passed, 1 failed")
        #expect(ConsoleReport.summary(r) == "FAIL  chapters/03-x.md: 1 passed, 1 failed (compile 0.40 s, run 0.75 s)")
    }

    @Test func sessionPrintsProgressAndWritesReport() throws {
        let dir = try makeTempDirectory()
        try AtomicFile.write("# Only prose\n\n```swift skip reason=\"later\"\nprint(1)\n```\n", to: dir + "/01-a.md")
        try AtomicFile.write("```swift\nprint(1)\n", to: dir + "/02-b.md")
        let paths = try BookRunner.chapters(in: dir)
        #expect(paths.map { Paths.fileName(of: $0) } == ["01-a.md", "02-b.md"])
        let lines = Lines()
        let session = BookSession(options: RunOptions(root: packageRoot), reportDirectory: dir + "/out", showProgress: true,
                                  print: { lines.append($0) })
        let results = session.run(paths)
        #expect(results.map(\.failed) == [false, true])
        let text = lines.text
        #expect(text.contains("[1/2] \(dir)/01-a.md"))
        #expect(text.contains("[2/2] \(dir)/02-b.md"))
        #expect(text.contains("\(dir)/02-b.md:1: error: unclosed code fence"))
        #expect(text.hasSuffix("nnfs-book: 0 passed, 1 failed, 1 skipped"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/index.html"))
        #expect(read(dir + "/out/01-a.html").contains("<h1>Only prose</h1>"))
        #expect(read(dir + "/out/02-b.html").contains("unclosed code fence"))
    }
}

/// Collects printed lines (the session prints from one thread; the lock keeps Swift 6 happy).
final class Lines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}

@Suite("Pipe tables in prose")
struct HTMLTableTests {
    @Test func rendersAPipeTableWithInlineMarkdown() throws {
        let html = try #require(HTMLTable.render([
            "| function | derivative |",
            "|---|:---:|",
            "| `x + y` | `1` for **each** input |",
            "| `a \\| b` | 0 |",
        ]))
        #expect(html.contains("<th>function</th><th>derivative</th>"))
        #expect(html.contains("<td><code>x + y</code></td><td><code>1</code> for <strong>each</strong> input</td>"))
        #expect(html.contains("<td><code>a | b</code></td><td>0</td>"))
    }

    @Test func ordinaryParagraphsAreNotTables() {
        #expect(HTMLTable.render(["| just a line starting with a pipe"]) == nil)
        #expect(HTMLTable.render(["| a | b |", "| not | a delimiter |"]) == nil)
    }
}
