import ArgumentParser
import Foundation
import NNFSBook

/// `nnfs-book restore <chapter.md> [--cell N]`: undo experiments.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put the published code back into a chapter's edited cells.",
        discussion: "The published cells are recorded by `--update` in chapters/snapshots/<chapter>/cells.txt. Only the code between an edited cell's fences changes; prose, outputs and new cells are left alone. The file is written atomically.")

    @Argument(help: "A chapter Markdown file.")
    var chapter: String

    @Option(help: "Restore only cell N (default: every edited cell).")
    var cell: Int?

    func validate() throws {
        if let n = cell, n < 1 { throw ValidationError("--cell takes a cell number from 1") }
    }

    func run() throws {
        do {
            let outcome = try ChapterRestorer.restore(chapterAt: chapter, cell: cell)
            outcome.log.forEach { print($0) }
        } catch {
            FileHandle.standardError.write(Data("nnfs-book restore: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
