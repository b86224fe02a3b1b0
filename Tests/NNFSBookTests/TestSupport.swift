import Foundation
@testable import NNFSBook

/// The repository root, found from this file: Tests/NNFSBookTests/TestSupport.swift.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fresh temporary directory for one test.
func makeTempDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnfs-book-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `markdown` to `<temp>/<name>` and returns its path.
func writeChapter(_ markdown: String, name: String = "ch.md") throws -> String {
    let path = try makeTempDirectory() + "/" + name
    try AtomicFile.write(markdown, to: path)
    return path
}

func read(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
}

/// Runs a chapter against this repository's core.
func runChapter(_ path: String, update: Bool = false, cell: Int? = nil) -> ChapterResult {
    BookRunner.run(chapterAt: path, options: RunOptions(update: update, cell: cell, root: packageRoot))
}

extension ChapterResult {
    var statuses: [CellResult.Status] { cells.map(\.status) }
}

/// Progress lines collected from a `@Sendable` callback.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
