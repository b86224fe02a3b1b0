import Foundation
import Testing
@testable import NNFSBook

private let chaptersDirectory = packageRoot + "/chapters"
private let chapterFiles = (try? BookRunner.chapters(in: chaptersDirectory)) ?? []

@Suite("Book")
struct VerifyAllChaptersTests {
    /// Every cell of every chapter in chapters/ passes. Skipped (with a message) only while the
    /// directory holds no chapter.
    @Test(.enabled(if: !chapterFiles.isEmpty, "chapters/ has no .md files yet"))
    func verifyAllChapters() {
        for path in chapterFiles {
            let r = BookRunner.run(chapterAt: path, options: RunOptions(root: packageRoot))
            #expect(r.errors.isEmpty, "\(path):\n\(r.errors.joined(separator: "\n"))")
            for cell in r.cells where cell.status == .failed || cell.status == .notRun {
                Issue.record("\(path) cell \(cell.index): \(cell.status.rawValue)\n\((cell.messages + cell.notes).joined(separator: "\n"))")
            }
        }
    }
}
