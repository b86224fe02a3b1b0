import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import NNFSBook

/// `--junit` and `--json` (issue 10).
@Suite("JUnit and JSON")
struct ExportTests {
    func sample() throws -> ChapterResult {
        let chapter = try ChapterParser.parse("""
            ```swift
            print("a")
            ```

            ```output
            a
            ```

            ```swift
            print("1 < 2 & \\u{1}")
            ```

            ```output
            3
            ```

            ```swift skip reason="later"
            x
            ```
            """, displayPath: "chapters/03-x.md")
        var ok = CellResult(cell: chapter.cells[0], status: .passed, seconds: 0.25, actual: "a\n")
        ok.notes = []
        var bad = CellResult(cell: chapter.cells[1], status: .failed, failure: .output, seconds: 0.5, actual: "1 < 2 & \u{1}\n")
        bad.messages = ["chapters/03-x.md:12: output differs from the book's output: line 1\n    expected: 3\n    actual:   1 < 2 & \u{1}"]
        let skipped = CellResult(cell: chapter.cells[2], outcome: .skipped(reason: "later"))
        var r = ChapterResult(path: chapter.displayPath, chapter: chapter)
        r.cells = [ok, bad, skipped]
        r.totalSeconds = 1.5
        return r
    }

    @Test func junitHasATestcasePerCellWithFailuresAndFileLine() throws {
        let xml = JUnitReport.render([try sample()], seconds: 2)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nnfs-book\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"2.000\">\n"))
        #expect(xml.contains("<testsuite name=\"chapters/03-x.md\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.500\">"))
        #expect(xml.contains("<testcase name=\"cell 1 (line 1)\" classname=\"03-x\" file=\"chapters/03-x.md\" line=\"1\" time=\"0.250\">\n      <system-out>a\n</system-out>"))
        #expect(xml.contains("<failure message=\"output differs: chapters/03-x.md:12: output differs from the book&apos;s output: line 1\" type=\"output differs\">".replacingOccurrences(of: "&apos;", with: "'")))
        #expect(xml.contains("actual:   1 &lt; 2 &amp; \\u{1}</failure>"))
        #expect(xml.contains("<skipped message=\"skipped: later\"/>"))
        #expect(!xml.contains("\u{1}"))
        // Well-formed: Foundation's XML parser reads it.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let text = try JSONResults.render([try sample()], seconds: 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "nnfs-book-results/1")
        #expect(json["passed"] as? Int == 1)
        #expect(json["failed"] as? Int == 1)
        #expect(json["skipped"] as? Int == 1)
        let chapter = try #require((json["chapters"] as? [[String: Any]])?.first)
        #expect(chapter["path"] as? String == "chapters/03-x.md")
        #expect(chapter["failed"] as? Bool == true)
        let cells = try #require(chapter["cells"] as? [[String: Any]])
        #expect(cells.map { $0["outcome"] as? String } == ["passed", "failed", "skipped"])
        #expect(cells[1]["failure"] as? String == "output differs")
        #expect(cells[1]["expected"] as? String == "3\n")
        #expect(cells[1]["expectedLine"] as? Int == 13)
        #expect(cells[1]["line"] as? Int == 9)
        #expect(cells[2]["reason"] as? String == "later")
        #expect(cells[0]["failure"] == nil)
    }
}
