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
        #expect(html.contains("<h1>Layers &lt;&amp;&gt;</h1>"))          // title from the heading
        #expect(html.contains("<em>emphasis</em>"))                       // prose rendered by cmark
        #expect(html.contains("<code class=\"language-swift\">print(&quot;a &lt; b&quot;)</code>"))  // code escaped
        #expect(!html.contains("print(\"a < b\")"))
        #expect(html.contains("<section class=\"cell fail\" id=\"cell-2\" aria-label=\"Cell 2\">"))
        // the failing cell: the book beside ours, the differing number marked on both sides
        #expect(html.contains("<span>1</span><span><mark>3</mark></span>"))
        #expect(html.contains("<span>1</span><span><mark>2</mark></span>"))
        #expect(html.contains("chapters/03-x.md:19: output differs from the book&#39;s output: number 1: expected 3, got 2"))
        // the passing cell is quiet: the book's output once, and no second copy of ours
        #expect(html.contains("Output · matches the book"))
        #expect(html.components(separatedBy: "a &lt; b").count - 1 == 2)  // code, output
    }

    @Test func chapterPageHasOutlinePagerAndFigures() throws {
        let chapter = try ChapterParser.parse("""
            # Chapter 3: Adding Layers

            Layers stack. More prose.

            ## Training data

            ```swift
            plt.show()
            ```

            ### Training data

            Text.
            """, displayPath: "chapters/03-adding-layers.md")
        var cell = CellResult(cell: chapter.cells[0], status: .passed, seconds: 0.1, actual: "")
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\"><clipPath id=\"nnfsfig-1-clip\"/><g clip-path=\"url(#nnfsfig-1-clip)\"/></svg>\n"
        cell.figures = [CellFigure(svg: svg, data: "figure 6.4x4.8\n", alt: "Scatter of 300 points")]
        var r = ChapterResult(path: chapter.displayPath, chapter: chapter)
        r.cells = [cell]
        let html = HTMLChapterPage.render(r, previous: .init(href: "02-b.html", title: "2. Neurons"), next: nil)
        #expect(html.contains("<title>3. Adding Layers – nnfs-book</title>"))
        #expect(html.contains("<p class=\"kicker\">Chapter 3</p>\n<h1>Adding Layers</h1>"))
        #expect(html.contains("<li class=\"l2\"><a href=\"#training-data\">Training data</a></li><li class=\"l3\"><a href=\"#training-data-1\">Training data</a></li>"))
        #expect(html.contains("<h2 id=\"training-data\">Training data</h2>"))
        #expect(html.contains("<h3 id=\"training-data-1\">Training data</h3>"))
        #expect(html.contains("<a rel=\"prev\" href=\"02-b.html\">← 2. Neurons</a>"))
        #expect(!html.contains("rel=\"next\""))
        // the figure: inline, named by its text alternative, ids unique on the page, numbered as in a book
        #expect(html.contains("<figure class=\"plot\"><svg role=\"img\" aria-label=\"Scatter of 300 points\" xmlns="))
        #expect(html.contains("<clipPath id=\"fig1-1-clip\"/><g clip-path=\"url(#fig1-1-clip)\"/>"))
        #expect(!html.contains("nnfsfig-"))
        #expect(html.contains("<figcaption><strong>Figure 3.1</strong> Scatter of 300 points</figcaption>"))
        // a cell that printed nothing and has no output block shows no output pane
        #expect(!html.contains("class=\"outputs"))
    }

    @Test func toleranceCellMarksOnlyTheNumbersThatDiffer() throws {
        let chapter = try ChapterParser.parse("""
            ```swift
            print("epoch: 100, acc: 0.410, loss: 1.078")
            ```

            ```output tolerance=0.1 reason="training drifts"
            epoch: 100, acc: 0.403, loss: 1.078
            ```
            """, displayPath: "chapters/10-x.md")
        var cell = CellResult(cell: chapter.cells[0], status: .passed, seconds: 0.1, actual: "epoch: 100, acc: 0.410, loss: 1.078\n")
        cell.snapshot = "epoch: 100, acc: 0.410, loss: 1.078\n"
        var r = ChapterResult(path: chapter.displayPath, chapter: chapter)
        r.cells = [cell]
        let html = HTMLChapterPage.render(r)
        #expect(html.contains("<span>epoch: 100, acc: <mark>0.403</mark>, loss: 1.078</span>"))
        #expect(html.contains("<span>epoch: 100, acc: <mark>0.410</mark>, loss: 1.078</span>"))
        #expect(html.contains("The book · line 5 · tolerance 0.1"))
        #expect(html.contains("<p class=\"reason\">training drifts</p>"))
        #expect(html.contains("Our output is identical to its snapshot"))
    }

    @Test func trainingLogGetsACurveOfOursWithTheBooksPoints() throws {
        let chapter = try ChapterParser.parse("""
            # Chapter 10: Optimizers

            ```swift
            train()
            ```

            ```output tolerance=0.2 reason="drift"
            epoch: 0, acc: 0.360, loss: 1.099
            ...
            epoch: 200, acc: 0.417, loss: 1.077, lr: 1.0
            validation, acc: 0.400, loss: 1.090
            ```
            """, displayPath: "chapters/10-x.md")
        let log = "epoch: 0, acc: 0.360, loss: 1.099\nepoch: 100, acc: 0.400, loss: 1.087\nepoch: 200, acc: 0.420, loss: 1.070, lr: 1.0\n"
        #expect(TrainingCurve.points(log) == [.init(epoch: 0, accuracy: 0.36, loss: 1.099), .init(epoch: 100, accuracy: 0.4, loss: 1.087),
                                              .init(epoch: 200, accuracy: 0.42, loss: 1.07)])
        var cell = CellResult(cell: chapter.cells[0], status: .passed, seconds: 1, actual: log)
        cell.snapshot = log
        let figure = try #require(TrainingCurve.figure(cell))
        #expect(figure.alt == "Training curve: our loss and accuracy at 3 printed epochs, with the book's 2 printed points; loss from 1.099 to 1.070, accuracy from 0.360 to 0.420.")
        #expect(figure.data.contains("plot n=3 color=#1f77b4 style=- label=\"ours\" x=[0,100,200] y=[1.099,1.087,1.07]"))
        #expect(figure.data.contains("plot n=2 color=#000000 marker=o label=\"book\" x=[0,200] y=[1.099,1.077]"))
        var r = ChapterResult(path: chapter.displayPath, chapter: chapter)
        r.cells = [cell]
        #expect(HTMLChapterPage.render(r).contains("<figcaption><strong>Figure 10.1</strong> Training curve: our loss"))
        // a cell that prints two epoch lines is no training log
        #expect(TrainingCurve.figure(CellResult(cell: chapter.cells[0], status: .passed, actual: "epoch: 1, acc: 1, loss: 1\n")) == nil)
    }

    @Test func firstMentionOfADocumentedTypeLinksToItsReferencePage() {
        var linked = Set<String>()
        let first = HTMLChapterPage.linkFirstMentions("<p><code>LayerDense</code> and <code>LayerDense</code>, <code>Other</code></p>",
                                                      documented: ["LayerDense"], linked: &linked)
        #expect(first == "<p><a href=\"docs/documentation/nnfs/layerdense/index.html\"><code>LayerDense</code></a> and <code>LayerDense</code>, <code>Other</code></p>")
        #expect(HTMLChapterPage.linkFirstMentions("<p><code>LayerDense</code></p>", documented: ["LayerDense"], linked: &linked) == "<p><code>LayerDense</code></p>")
    }

    @Test func outputDiffTokens() {
        #expect(HTMLOutputDiff.tokens("[ 1.5e-07 -2. float32]").map(\.text) == ["[ ", "1.5e-07", " ", "-2.", " float32]"])
        #expect(HTMLOutputDiff.tokens("x1 = 2").map(\.isNumber) == [false, true])
    }

    @Test func indexIsATableOfContentsWithTheTestSummaryBelow() throws {
        let r = try sampleResult()
        let index = HTMLIndex.render([r], pages: ["03-x.html"], seconds: 1.5)
        #expect(index.contains("<h1>Contents</h1>"))
        #expect(index.contains("<li><a href=\"03-x.html\"><span class=\"num\"></span><span class=\"title\">Layers &lt;&amp;&gt;</span></a>"))
        #expect(index.contains("2 cells · 0.75 s"))
        #expect(index.contains("<p class=\"summary\">Prose with emphasis.</p>"))
        let summary = try #require(index.range(of: "<h2 id=\"tests\">Test summary</h2>"))
        #expect(index[summary.upperBound...].contains("<a href=\"03-x.html\">chapters/03-x.md</a>"))
        #expect(index.contains("<span class=\"badge fail\">FAIL</span>"))
        #expect(ConsoleReport.total([r], seconds: 1.5) == "Total: 1 chapter (1 failing) in 1.50 s\nnnfs-book: 1 passed, 1 failed")
        #expect(ConsoleReport.summary(r) == "FAIL  chapters/03-x.md: 1 passed, 1 failed (compile 0.40 s, run 0.75 s)")
    }

    @Test func outlineReadsNumberTitleSummaryAndSections() throws {
        let chapter = try ChapterParser.parse("# Chapter 12: Validation Data\n\nWe hold out `some` data. Then more.\n\n## Why\n\n## Why\n",
                                              displayPath: "chapters/12-v.md")
        let o = ChapterOutline(chapter)
        #expect(o.number == "12" && o.title == "Validation Data" && o.summary == "We hold out some data.")
        #expect(o.sections == [.init(level: 2, title: "Why", anchor: "why"), .init(level: 2, title: "Why", anchor: "why-1")])
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
