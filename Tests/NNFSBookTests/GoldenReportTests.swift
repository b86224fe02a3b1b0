import Foundation
import Testing
@testable import NNFSBook

/// One whole generated chapter page, pinned byte for byte as a golden file, so any change to what
/// a reader sees is a reviewed change. Bless (rewrite the golden file from today's output) with
/// `NNFS_BOOK_BLESS=1 swift test --filter GoldenReport`, then read the diff before committing.
@Suite("Golden report page")
struct GoldenReportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/chapter-page.html").path

    @Test func chapterPageMatchesTheGoldenFile() throws {
        var r = try ReportTests().sampleResult()
        r.cells[0].figures = [
            CellFigure(
                svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>",
                data: "figure 1x1", alt: "A black square")
        ]
        let html = HTMLChapterPage.render(
            r, previous: .init(href: "02-y.html", title: "2. Before"),
            next: .init(href: "04-z.html", title: "4. After"))
        if ProcessInfo.processInfo.environment["NNFS_BOOK_BLESS"] == "1" {
            try AtomicFile.write(html, to: Self.golden)
            return
        }
        let expected = try String(contentsOfFile: Self.golden, encoding: .utf8)
        if html != expected {
            let ours = html.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(ours, theirs)).firstIndex { $0.0 != $0.1 } ?? min(ours.count, theirs.count)
            Issue.record(
                """
                the chapter page differs from \(Self.golden) at line \(first + 1) (bless with NNFS_BOOK_BLESS=1):
                golden: \(first < theirs.count ? String(theirs[first]) : "<end>")
                ours:   \(first < ours.count ? String(ours[first]) : "<end>")
                """)
        }
    }
}
