import Foundation
import Testing
@testable import NNFSBook

private let chaptersDirectory = packageRoot + "/chapters"
private let chapterFiles = (try? BookRunner.chapters(in: chaptersDirectory)) ?? []

@Suite("Book")
struct VerifyAllChaptersTests {
    /// Every cell of every chapter in chapters/ passes. Skipped (with a message) only while the
    /// directory holds no chapter. Chapters run two at a time (CI has two cores) through the same
    /// parallel session as `nnfs-book verify`, never from the execution cache: every chapter
    /// really compiles and runs here.
    @Test(.enabled(if: !chapterFiles.isEmpty, "chapters/ has no .md files yet"))
    func verifyAllChapters() {
        let session = BookSession(
            options: RunOptions(root: packageRoot), reportDirectory: nil,
            jobs: 2, useCache: false, print: { _ in })
        let results = session.run(chapterFiles)
        #expect(results.count == chapterFiles.count)
        for (path, r) in zip(chapterFiles, results) {
            #expect(r.cachedRun == nil, "\(path) came from the cache")
            #expect(r.errors.isEmpty, "\(path):\n\(r.errors.joined(separator: "\n"))")
            for cell in r.cells where cell.status == .failed || cell.status == .notRun {
                Issue.record("\(path) cell \(cell.index): \(cell.status.rawValue)\n\((cell.messages + cell.notes).joined(separator: "\n"))")
            }
        }
    }
}
