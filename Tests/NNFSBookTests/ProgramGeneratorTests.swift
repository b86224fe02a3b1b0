import Testing
@testable import NNFSBook

@Suite("Program generation")
struct ProgramGeneratorTests {
    let chapter = try! ChapterParser.parse("""
        # T

        ```swift
        let x = 1
        print(x)
        ```

        ```swift global
        extension Int { var twice: Int { self * 2 } }
        ```

        ```swift skip reason="later"
        print(nope)
        ```

        ```swift
        let x = x.twice
        ```
        """, displayPath: "chapters/01 \"q\".md")

    @Test func layout() {
        let program = ProgramGenerator.generate(ProgramPlan(chapter: chapter))
        let lines = program.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "import NNFS")
        #expect(lines[2] == "import Foundation")
        #expect(lines[3] == "setvbuf(stdout, nil, _IOLBF, 0)")
        #expect(lines[4] == "NNFS.BookChannel.attach()")
        let file = #""chapters/01 \"q\".md""#
        // The global cell comes first, at file scope (before any `do {`).
        let global = lines.firstIndex(of: "#sourceLocation(file: \(file), line: 9)")!
        let firstDo = lines.firstIndex(of: "do {")!
        #expect(global < firstDo)
        #expect(lines[global + 1] == "extension Int { var twice: Int { self * 2 } }")
        // Cell 1 then cell 4 nested inside it; the skipped cell is absent.
        #expect(lines[firstDo + 1] == "NNFS.BookChannel.beginCell(1)")
        #expect(lines[firstDo + 2] == "#sourceLocation(file: \(file), line: 4)")
        #expect(lines[firstDo + 3] == "let x = 1")
        #expect(lines[firstDo + 4] == "print(x)")
        #expect(lines[firstDo + 5] == "#sourceLocation()")
        #expect(lines[firstDo + 6] == "NNFS.BookChannel.endCell(1)")
        #expect(lines[firstDo + 7] == "do {")
        #expect(lines[firstDo + 8] == "NNFS.BookChannel.beginCell(4)")
        #expect(lines[firstDo + 9] == "#sourceLocation(file: \(file), line: 17)")
        #expect(!program.source.contains("nope"))
        #expect(lines.contains("}}"))
        #expect(program.cell(atGeneratedLine: firstDo + 4) == 1)
        #expect(program.cell(atGeneratedLine: firstDo + 10) == 4)
        #expect(program.cell(atGeneratedLine: global + 1) == 2)
    }

    @Test func importsAreHoistedToFileScope() throws {
        let c = try ChapterParser.parse("```swift\nimport NNFS\nimport Dispatch\nprint(1)\n```\n", displayPath: "ch.md")
        let program = ProgramGenerator.generate(ProgramPlan(chapter: c))
        let lines = program.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[3] == "import Dispatch")
        #expect(lines.filter { $0 == "import NNFS" }.count == 1)
        // The cell keeps its line count, so later lines keep their Markdown line numbers.
        let loc = lines.firstIndex(of: "#sourceLocation(file: \"ch.md\", line: 2)")!
        #expect(Array(lines[(loc + 1)...(loc + 3)]) == ["", "", "print(1)"])
        #expect(program.cell(atGeneratedLine: loc + 4) == 1)
    }

    @Test func planThroughCellAndDropping() {
        #expect(ProgramPlan(chapter: chapter, through: 2).cells.map(\.index) == [1, 2])
        #expect(ProgramPlan(chapter: chapter).cells.map(\.index) == [1, 2, 4])
        #expect(ProgramPlan(chapter: chapter).dropping(from: 2).cells.map(\.index) == [1])
        #expect(ProgramPlan(chapter: chapter).runCells.map(\.index) == [1, 4])
    }

    @Test func splitterSplitsChunksAtNonceMarkersOnly() {
        var s = CellOutputSplitter(nonce: "abc")
        var events = s.feed(Array("\u{1}NNFS-CELL abc 1 BEGIN\nhel".utf8))
        events += s.feed(Array("lo\n\u{1}NNFS-CELL ab".utf8))
        events += s.feed(Array("c 1 END\nx\u{1}y".utf8))
        // A marker with another nonce (or none, the old format) is plain output.
        events += s.feed(Array("\u{1}NNFS-CELL xyz 2 BEGIN\n\u{1}NNFS-CELL 2 END 5\n".utf8))
        events += s.finish()
        let text = events.compactMap { e -> String? in if case .output(let b) = e { String(decoding: b, as: UTF8.self) } else { nil } }.joined()
        #expect(events.filter { if case .output = $0 { false } else { true } } == [.begin(cell: 1), .end(cell: 1)])
        #expect(text == "hello\nx\u{1}yy".replacingOccurrences(of: "yy", with: "y") + "\u{1}NNFS-CELL xyz 2 BEGIN\n\u{1}NNFS-CELL 2 END 5\n")
    }

    /// A flood of marker-like text costs linear time: 4 MB of `\u{1}NNFS-CELL ` lines without the
    /// nonce must come through as output, byte for byte.
    @Test func splitterPassesMarkerLikeFloodThrough() {
        var s = CellOutputSplitter(nonce: "n0nce")
        let line = Array("\u{1}NNFS-CELL n0nc\u{1}NNFS-CELL 7 END 1\n".utf8)
        var total: [UInt8] = []
        for _ in 0..<2000 { total += line }
        var out: [UInt8] = []
        for chunk in stride(from: 0, to: total.count, by: 4093).map({ Array(total[$0..<min(total.count, $0 + 4093)]) }) {
            for case .output(let b) in s.feed(chunk) { out += b }
        }
        for case .output(let b) in s.finish() { out += b }
        #expect(out == total)
    }

    @Test func channelRecordsParseAcrossChunks() {
        var r = ChannelRecords()
        var got = r.feed(Array("begin 3\nend 3 12".utf8))
        got += r.feed(Array("5\nfigure {\"svg\":\"<svg/>\",\"data\":\"x 1\",\"alt\":\"a\"}\nfigure nope\nzap\n".utf8))
        #expect(got.count == 5)
        #expect(got[0] == .begin(cell: 3))
        #expect(got[1] == .end(cell: 3, nanoseconds: 125))
        #expect(got[2] == .figure(CellFigure(svg: "<svg/>", data: "x 1", alt: "a")))
        if case .malformed(let m) = got[3] { #expect(m.hasPrefix("a figure record that is not")) } else { Issue.record("\(got[3])") }
        if case .malformed(let m) = got[4] { #expect(m == "an unknown side-channel record: zap") } else { Issue.record("\(got[4])") }
    }

    /// A multibyte character split across two reads stays whole; NUL and bytes that are not UTF-8
    /// are escaped.
    @Test func outputTextDecodesTheWholeStream() {
        var capped = CappedOutput(cap: 1 << 20)
        let bytes = Array("σ = 0.5 ✓\n".utf8)
        capped.append(bytes[0..<1])  // the first byte of σ alone
        capped.append(bytes[1...])
        #expect(OutputText.decode(capped.bytes) == "σ = 0.5 ✓\n")
        #expect(OutputText.decode([0x61, 0x00, 0x62, 0xFF, 0xC3]) == "a\\x00b\\xFF\\xC3")
        #expect(OutputText.decode(Array("ok\n".utf8)) == "ok\n")
    }

    @Test func cappedOutputKeepsHeadAndTail() {
        var c = CappedOutput(cap: 20)
        for i in 0..<100 { c.append(Array("\(i % 10)".utf8)) }
        #expect(c.bytes.count == 10 + 1 + 91 + 10)  // head, a newline, the 91-byte note, tail
        #expect(c.total == 100)
        #expect(c.isTruncated)
        let text = String(decoding: c.bytes, as: UTF8.self)
        #expect(text.hasPrefix("0123456789\n[nnfs-book: 80 bytes of output cut here; the cell printed 100 bytes, over the limit of 20]\n"))
        #expect(text.hasSuffix("\n0123456789"))
    }

    @Test func crashReportSplitsOutputFromBacktrace() {
        let raw = """
        before
        Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
        swift-runtime: failed to suspend thread 7 while processing a crash; backtraces will be missing information

        *** Signal 4: Backtracing from 0x7f... done ***
          2 [ra] 0x00007f Array.subscript.getter + 84 in libswiftSwiftOnoneSupport.so
          3 [ra] 0x000055 main + 1136 in chapter at chapters/03 x.md:24:8
          4 [ra] 0x000056 main + 10 in chapter at chapters/03 x.md:30:1
        """
        let r = CrashReport(output: raw, chapterPath: "chapters/03 x.md")
        #expect(r.output == "before\nSwift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n")
        #expect(r.message == "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range")
        #expect(r.location == "chapters/03 x.md:24")
        #expect(r.backtrace.hasPrefix("swift-runtime: failed to suspend"))
    }

    @Test func compilerDiagnosticsAreParsed() {
        let out = """
        chapters/x.md:14:7: error: cannot find 'foo' in scope
        print(foo)
              ^~~
        chapters/x.md:15:1: warning: unused
        /tmp/main.swift:30:1: error: expected '}' in 'do' block
        """
        let d = Diagnostic.parseErrors(out)
        #expect(d.map(\.location) == ["chapters/x.md:14:7", "/tmp/main.swift:30:1"])
        #expect(d[0].message == "cannot find 'foo' in scope")
        #expect(d[0].detail.first == "print(foo)")
    }
}
