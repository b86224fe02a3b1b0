import Testing
@testable import NNFSBook

@Suite("Output block splicing")
struct ChapterEditorTests {
    @Test func insertKeepsCRLFAndEveryOtherByte() throws {
        let original = "# T\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\nafter\r\n"
        let chapter = try ChapterParser.parse(original, displayPath: "ch.md")
        let (bytes, diff) = ChapterEditor(source: chapter.source)
            .apply([.insertBlock(after: chapter.cells[0].code.closeLine, info: "output ours", content: "1\n")], file: "ch.md")
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "# T\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output ours\r\n1\r\n```\r\n\r\nafter\r\n")
        #expect(diff == ["@@ ch.md:6 (new block) @@", "+", "+```output ours", "+1", "+```"])
    }

    @Test func insertAfterUnterminatedLastLine() throws {
        let chapter = try ChapterParser.parse("```swift\nprint(1)\n```", displayPath: "ch.md")
        let (bytes, _) = ChapterEditor(source: chapter.source).apply(
            [.insertBlock(after: 3, info: "output ours", content: "1")], file: "ch.md")
        #expect(String(decoding: bytes, as: UTF8.self) == "```swift\nprint(1)\n```\n\n```output ours\n1\n```\n")
    }

    @Test func replaceContentOnly() throws {
        let original = "```swift\nprint(2)\n```\n````output ours\nold  \nlines\n````\ntail"
        let chapter = try ChapterParser.parse(original, displayPath: "ch.md")
        let block = try #require(chapter.cells[0].output?.block)
        let (bytes, diff) = ChapterEditor(source: chapter.source)
            .apply([.replaceContent(open: block.openLine, close: block.closeLine, content: "new   \n\n")], file: "ch.md")
        #expect(String(decoding: bytes, as: UTF8.self) == "```swift\nprint(2)\n```\n````output ours\nnew\n````\ntail")
        #expect(diff == ["@@ ch.md:5 @@", "-old  ", "-lines", "+new"])
    }

    @Test func contentThatWouldCloseTheFenceGetsALongerFence() throws {
        let original = "```swift\nprint(2)\n```\n```output ours\nx\n```\n"
        let chapter = try ChapterParser.parse(original, displayPath: "ch.md")
        let (bytes, _) = ChapterEditor(source: chapter.source)
            .apply([.replaceContent(open: 4, close: 6, content: "```\nin\n```\n")], file: "ch.md")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "```swift\nprint(2)\n```\n````output ours\n```\nin\n```\n````\n")
        let reparsed = try ChapterParser.parse(text, displayPath: "ch.md")
        #expect(reparsed.cells[0].output?.text == "```\nin\n```\n")
    }
}
