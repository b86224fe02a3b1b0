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
        let file = #""chapters/01 \"q\".md""#
        // The global cell comes first, at file scope (before any `do {`).
        let global = lines.firstIndex(of: "#sourceLocation(file: \(file), line: 9)")!
        let firstDo = lines.firstIndex(of: "do {")!
        #expect(global < firstDo)
        #expect(lines[global + 1] == "extension Int { var twice: Int { self * 2 } }")
        // Cell 1 then cell 4 nested inside it; the skipped cell is absent.
        #expect(lines[firstDo + 1] == "__nnfsBookMark(1, true)")
        #expect(lines[firstDo + 2] == "#sourceLocation(file: \(file), line: 4)")
        #expect(lines[firstDo + 3] == "let x = 1")
        #expect(lines[firstDo + 4] == "print(x)")
        #expect(lines[firstDo + 5] == "#sourceLocation()")
        #expect(lines[firstDo + 6] == "__nnfsBookMark(1, false)")
        #expect(lines[firstDo + 7] == "do {")
        #expect(lines[firstDo + 8] == "__nnfsBookMark(4, true)")
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

    @Test func markerStreamSplitsChunks() {
        var s = MarkerStream()
        var events = s.feed(Array("\u{1}NNFS-CELL 1 BEGIN\nhel".utf8))
        events += s.feed(Array("lo\n\u{1}NNFS-CE".utf8))
        events += s.feed(Array("LL 1 END 1500\nx\u{1}y".utf8))
        events += s.finish()
        #expect(events == [
            .begin(cell: 1), .output(Array("hel".utf8)), .output(Array("lo\n".utf8)),
            .end(cell: 1, nanoseconds: 1500), .output(Array("x\u{1}y".utf8)),
        ])
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
