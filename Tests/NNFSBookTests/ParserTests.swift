import Testing
@testable import NNFSBook

@Suite("Chapter parser")
struct ParserTests {
    static let chapter = """
        # Title

        Prose with `code`.

        ```swift
        let a = 1
        print(a)
        ```

        Some text between.

        ```output
        1
        ```

        ```python
        print("not a cell")
        ```

        ```swift timeout=2.5
        print(2)
        ```

        ```swift skip reason="needs the 'spiral' data"
        print(3)
        ```

        ```output tolerance=1e-5 reason="BLAS order"
        3
        ```

        ```swift global
        struct P { var x = 1 }
        ```

        ```swift
        print(4)
        ```

        ```output unchecked reason="timing"
        took 3 s
        ```

        ~~~~swift
        print(5)
        ~~~~

        ```output ours
        5
        ```
        """

    @Test func cellsOptionsAndLines() throws {
        let c = try ChapterParser.parse(Self.chapter, displayPath: "ch.md")
        #expect(c.cells.map(\.index) == [1, 2, 3, 4, 5, 6])
        let first = c.cells[0]
        #expect(first.code.openLine == 5)
        #expect(first.code.closeLine == 8)
        #expect(first.code.firstContentLine == 6)
        #expect(first.source == "let a = 1\nprint(a)\n")
        #expect(first.output?.block.openLine == 12)
        #expect(first.output?.text == "1\n")
        #expect(first.output?.options == OutputOptions())

        #expect(c.cells[1].options.timeout == 2.5)
        #expect(c.cells[1].output == nil)
        #expect(c.cells[2].options.skipReason == "needs the 'spiral' data")
        #expect(c.cells[2].output?.options == OutputOptions(tolerance: 1e-5, reason: "BLAS order"))
        #expect(c.cells[3].options.global)
        #expect(c.cells[4].output?.options == OutputOptions(unchecked: true, reason: "timing"))
        #expect(c.cells[5].code.openLine == 44)
        #expect(c.cells[5].output?.block.openLine == 48)
        #expect(c.cells[5].source == "print(5)\n")
        #expect(c.cells[5].output?.options.ours == true)
        #expect(c.stem == "ch")
    }

    @Test func crlfLinesMatchLF() throws {
        let crlf = Self.chapter.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try ChapterParser.parse(Self.chapter, displayPath: "ch.md")
        let b = try ChapterParser.parse(crlf, displayPath: "ch.md")
        #expect(b.cells.map(\.code.openLine) == a.cells.map(\.code.openLine))
        #expect(b.cells.map(\.code.closeLine) == a.cells.map(\.code.closeLine))
        #expect(b.cells.map(\.source) == a.cells.map(\.source))
        #expect(b.source.preferredNewline == "\r\n")
        #expect(b.source.line(6) == "let a = 1")
    }

    private func errors(_ markdown: String) -> [String] {
        do {
            _ = try ChapterParser.parse(markdown, displayPath: "ch.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func unclosedFenceIsAnError() {
        let e = errors("# T\n\n```swift\nprint(1)\n\nmore text\n")
        #expect(e.count == 1)
        #expect(e.first?.hasPrefix("ch.md:3: error: unclosed code fence") == true)
    }

    @Test func unclosedFenceWhoseLastLineIsAShorterFence() {
        // ```` is not closed by ```: the block runs to the end.
        let e = errors("````swift\nprint(1)\n```\n")
        #expect(
            e == [
                "ch.md:1: error: unclosed code fence: the block opened here with ```` runs to the end of the file; close it with a line ````"
            ])
    }

    @Test func misspelledOptionNamesFileLine() {
        let e = errors("text\n\n```swift timout=3\nprint(1)\n```\n")
        #expect(
            e == [
                "ch.md:3: error: unknown swift option `timout` (did you mean `timeout`?); swift options are: skip, timeout, global, reason"
            ])
        let o = errors("```swift\nprint(1)\n```\n```output tolerence=1e-3 reason=\"x\"\n1\n```\n")
        #expect(o.count == 1)
        #expect(o.first?.hasPrefix("ch.md:4: error: unknown output option `tolerence` (did you mean `tolerance`?)") == true)
    }

    @Test func reasonsAreRequired() {
        #expect(errors("```swift skip\n```\n") == ["ch.md:1: error: `skip` needs a reason: `swift skip reason=\"...\"`"])
        #expect(
            errors("```swift\nprint(1)\n```\n```output tolerance=1e-3\n1\n```\n")
                == ["ch.md:4: error: `tolerance` needs a reason: `output tolerance=1e-5 reason=\"...\"`"])
        #expect(
            errors("```swift\nprint(1)\n```\n```output unchecked\n1\n```\n")
                == ["ch.md:4: error: `unchecked` needs a reason: `output unchecked reason=\"...\"`"])
    }

    @Test func badValues() {
        #expect(errors("```swift timeout=soon\n```\n").first?.contains("`timeout` takes a positive number") == true)
        #expect(errors("```swift skip reason=\"open\n```\n").first?.contains("unterminated quote") == true)
        #expect(errors("```Swift\n```\n").first?.contains("lower case") == true)
    }

    @Test func outputWithoutSwiftCell() {
        #expect(errors("# T\n\n```output\n1\n```\n") == ["ch.md:3: error: output block without a preceding swift cell"])
    }

    @Test func secondOutputBlockAndGlobalOutput() {
        let e = errors("```swift\nprint(1)\n```\n```output\n1\n```\n```output\n1\n```\n")
        #expect(e == ["ch.md:7: error: second output block for the swift cell at line 1 (the first is at line 4)"])
        let g = errors("```swift global\nfunc f() {}\n```\n```output\n1\n```\n")
        #expect(g == ["ch.md:4: error: the swift cell at line 1 is `global` and may not print: remove this output block"])
    }

    @Test func cellInsideListIsAnError() {
        let e = errors("- item\n\n  ```swift\n  print(1)\n  ```\n")
        #expect(e == ["ch.md:3: error: a `swift` block must be at the top level of the chapter, not inside a list or quote"])
    }

    @Test func allErrorsAreReportedAtOnce() {
        let e = errors("```swift skp\n```\n\n```swift timeout=0\n```\n")
        #expect(e.count == 2)
        #expect(e.map { $0.prefix(6) } == ["ch.md:", "ch.md:"])
    }

    @Test func otherFencesAndIndentedCodeAreProse() throws {
        let c = try ChapterParser.parse("    indented code\n\n```\nplain\n```\n\n```text\nout\n```\n", displayPath: "ch.md")
        #expect(c.cells.isEmpty)
    }
}
