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
        let chapter = try ChapterParser.parse(
            """
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
        #expect(
            xml.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nnfs-book\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"2.000\">\n"
            ))
        #expect(xml.contains("<testsuite name=\"chapters/03-x.md\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.500\">"))
        #expect(
            xml.contains(
                "<testcase name=\"cell 1 (line 1)\" classname=\"03-x\" file=\"chapters/03-x.md\" line=\"1\" time=\"0.250\">\n      <system-out>a\n</system-out>"
            ))
        #expect(
            xml.contains(
                "<failure message=\"output differs: chapters/03-x.md:12: output differs from the book&apos;s output: line 1\" type=\"output differs\">"
                    .replacingOccurrences(of: "&apos;", with: "'")))
        #expect(xml.contains("actual:   1 &lt; 2 &amp; \\u{1}</failure>"))
        #expect(xml.contains("<skipped message=\"skipped: later\"/>"))
        #expect(!xml.contains("\u{1}"))
        // Well-formed: Foundation's XML parser reads it.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let text = try JSONResults.render([try sample()], seconds: 2)
        let json = try ResultsDocument.decode(text)
        #expect(json.schema == "nnfs-book-results/1")
        #expect(json.passed == 1)
        #expect(json.failed == 1)
        #expect(json.skipped == 1)
        let chapter = try #require(json.chapters.first)
        #expect(chapter.path == "chapters/03-x.md")
        #expect(chapter.failed == true)
        let cells = chapter.cells
        try #require(cells.count == 3)
        #expect(cells.map { $0.outcome } == ["passed", "failed", "skipped"])
        #expect(cells[1].failure == "output differs")
        #expect(cells[1].expected == "3\n")
        #expect(cells[1].expectedLine == 13)
        #expect(cells[1].line == 9)
        #expect(cells[2].reason == "later")
        // Absent, not null: the schema leaves out a key that does not apply.
        #expect(cells[0].keys.contains("failure") == false)
    }
}

/// docs/results-json.md's `nnfs-book-results/1` document, written out here rather than taken from
/// the runner's own `Codable` types, so that the test checks the documented schema: every key it
/// lists as always present must be there with its type.
private struct ResultsDocument: Decodable {
    let schema: String
    let seconds: Double
    let passed, failed, skipped, notRun: Int
    let chapters: [Chapter]

    struct Chapter: Decodable {
        let path, name: String
        let failed: Bool
        let errors, updateLog: [String]
        let compileSeconds, runSeconds, totalSeconds: Double
        let cells: [WithKeys<Cell>]
    }

    struct Cell: Decodable {
        let index, line: Int
        let info, outcome: String
        let failure, reason: String?
        let seconds: Double?
        let messages, notes: [String]
        let expected: String?
        let expectedLine: Int?
        let actual, snapshot: String?
        let figures: [Figure]
        let figureSnapshots: [String]
        let crash: Crash?
    }

    struct Figure: Decodable {
        let svg, data, alt: String
    }

    struct Crash: Decodable {
        let message, location: String?
        let backtrace: String
    }

    /// A JSON object decoded as `T`, with the keys it has (an absent key and a null both decode as `nil`).
    @dynamicMemberLookup
    struct WithKeys<T: Decodable>: Decodable {
        let value: T
        let keys: Set<String>

        init(from decoder: any Decoder) throws {
            value = try T(from: decoder)
            keys = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
        }

        subscript<V>(dynamicMember key: KeyPath<T, V>) -> V { value[keyPath: key] }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `text`; a mismatch fails with the key path (`chapters[0].cells[1].line: ...`).
    static func decode(_ text: String) throws -> ResultsDocument {
        do {
            return try JSONDecoder().decode(ResultsDocument.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw SchemaError(description: "results JSON does not follow docs/results-json.md: \(error)")
        }
    }

    struct SchemaError: Error, CustomStringConvertible {
        let description: String
    }
}
