// libFuzzer target: chapter Markdown -> cells (ChapterParser, libcmark, the info-string parser).
// Built by scripts/fuzz/run together with the NNFSBook sources; see docs/fuzzing.md.
//
// Properties checked beyond "does not crash":
// - a parse either throws BookErrors with at least one error, each naming the file, or returns cells
//   numbered 1...n whose fences lie inside the file, in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func chapterParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let chapter = try ChapterParser.parse(bytes: bytes, displayPath: "fuzz.md", absolutePath: "/fuzz.md")
        let lineCount = chapter.source.lines.count
        var previous = 0
        for (i, cell) in chapter.cells.enumerated() {
            precondition(cell.index == i + 1, "cells numbered in order")
            precondition(cell.code.openLine > previous, "cells in document order")
            precondition(cell.code.openLine <= cell.code.closeLine && cell.code.closeLine <= lineCount, "fence lines inside the file")
            if let out = cell.output {
                precondition(out.block.openLine > cell.code.closeLine && out.block.closeLine <= lineCount)
                previous = out.block.closeLine
            } else {
                previous = cell.code.closeLine
            }
        }
    } catch {
        precondition(!error.errors.isEmpty, "a parse failure names at least one error")
        for e in error.errors { precondition(e.file == "fuzz.md") }
    }
    return 0
}
