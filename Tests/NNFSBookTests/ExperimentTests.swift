import Foundation
import Testing
@testable import NNFSBook

/// The learner's loop: edit detection against the published cells, experiments, summaries,
/// short diffs and `restore`.
@Suite("Experiments")
struct ExperimentTests {
    static let published = ["let a = 1\nprint(a)\n", "let b = 2\nprint(b)\n", "print(\"three\")\n"]

    @Test func unchangedCellsAreNotEdited() {
        let m = CellMatch(current: Self.published, published: Self.published)
        #expect(m.edits == [nil, nil, nil])
        #expect(m.deleted == [])
        #expect(m.published == [1, 2, 3])
    }

    @Test func editedCellIsFoundWithItsPublishedCode() {
        let m = CellMatch(current: ["let a = 1\nprint(a)\n", "let b = 20\nprint(b)\n", "print(\"three\")\n"], published: Self.published)
        #expect(m.edits == [nil, .edited(published: 2, code: "let b = 2\nprint(b)\n"), nil])
        #expect(m.deleted == [])
    }

    @Test func newCellDoesNotShiftTheOthers() {
        let m = CellMatch(current: ["let a = 1\nprint(a)\n", "print(\"mine\")\n", "let b = 2\nprint(b)\n", "print(\"three\")\n"],
                          published: Self.published)
        #expect(m.edits == [nil, .new, nil, nil])
        #expect(m.published == [1, nil, 2, 3])
        #expect(m.deleted == [])
    }

    @Test func deletedCellIsReported() {
        let m = CellMatch(current: ["let a = 1\nprint(a)\n", "print(\"three\")\n"], published: Self.published)
        #expect(m.edits == [nil, nil])
        #expect(m.deleted == [2])
        #expect(m.published == [1, 3])
    }

    @Test func whitespaceOnlyEditIsNotAnExperiment() {
        let m = CellMatch(current: ["  let a = 1   \r\n\r\nprint(a)\r\n", "let b = 2\n\n\n    print(b)\n", "print(\"three\")"], published: Self.published)
        #expect(m.edits == [nil, nil, nil])
        // ...but a space inside a string literal is.
        let n = CellMatch(current: ["let a = 1\nprint(a)\n", "let b = 2\nprint(b)\n", "print(\"three \")\n"], published: Self.published)
        #expect(n.edits[2] == .edited(published: 3, code: "print(\"three\")\n"))
    }

    @Test func publishedCellsRoundTripByteForByte() throws {
        let cells = PublishedCells(codes: ["a\r\nb\r\n", "", "no newline at end", "  indented  \n\n"])
        let path = try makeTempDirectory() + "/snapshots/ch/cells.txt"
        try cells.write(to: path)
        let back = try #require(try PublishedCells.read(path))
        // A cell whose last line has no line end gets one in the file; its code is otherwise kept.
        #expect(back.codes == ["a\r\nb\r\n", "", "no newline at end\n", "  indented  \n\n"])
        try AtomicFile.write("not the format\n", to: path)
        #expect(throws: RunnerError.self) { try PublishedCells.read(path) }
    }

    @Test func decideMakesAnExploredExperimentNotAFailure() {
        var e = CellOutcome.Evidence(stage: .finished(failures: [.output, .snapshot]))
        #expect(CellOutcome.decide(e) == .failed(.output))
        e.experiment = true
        #expect(CellOutcome.decide(e) == .failed(.output))
        e.explore = true
        #expect(CellOutcome.decide(e) == .experiment)
        // Not finishing is never an experiment.
        e.stage = .finished(failures: [.outputLimit, .output])
        #expect(CellOutcome.decide(e) == .failed(.outputLimit))
        e.stage = .crashed
        #expect(CellOutcome.decide(e) == .failed(.crash))
        e.stage = .finished(failures: [])
        #expect(CellOutcome.decide(e) == .passed)
    }

    @Test func trainingLogSummaryNamesFirstEpochAndFinalNumbers() {
        let book = """
            epoch: 0, acc: 0.360, loss: 1.099
            epoch: 100, acc: 0.400, loss: 1.087
            ...
            epoch: 300, acc: 0.633, loss: 0.848
            """
        let ours = """
            epoch: 0, acc: 0.360, loss: 1.099
            epoch: 100, acc: 0.453, loss: 1.010
            epoch: 200, acc: 0.600, loss: 0.900
            epoch: 300, acc: 0.880, loss: 0.312
            """
        let x = Exploration.make(expected: book, tolerance: nil, actual: ours)
        #expect(x.summary == "training log: first differs from the book at epoch 100; final (epoch 300): acc 0.633 → 0.880, loss 0.848 → 0.312 (book → ours)")
        #expect(x.pairs.count == 2)
        #expect(x.consoleLines() == [
            x.summary,
            "  book: epoch: 100, acc: «0.400», loss: «1.087»",
            "  ours: epoch: 100, acc: «0.453», loss: «1.010»",
            "  book: epoch: 300, acc: «0.633», loss: «0.848»",
            "  ours: epoch: 300, acc: «0.880», loss: «0.312»",
        ])
        let same = Exploration.make(expected: book, tolerance: nil, actual: ours.replacingOccurrences(of: "0.453, loss: 1.010", with: "0.400, loss: 1.087")
            .replacingOccurrences(of: "0.880, loss: 0.312", with: "0.633, loss: 0.848"))
        #expect(same.summary == "training log: matches the book at all 3 printed epochs; final (epoch 300): acc 0.633 → 0.633, loss 0.848 → 0.848 (book → ours)")
        #expect(same.pairs.isEmpty)
    }

    @Test func plainOutputSummaryAndShortView() {
        let book = (1...10).map { "value \($0).00" }.joined(separator: "\n")
        let ours = (1...10).map { "value \($0 <= 2 ? $0 : $0 * 10).00" }.joined(separator: "\n")
        let x = Exploration.make(expected: book, tolerance: nil, actual: ours)
        #expect(x.summary == "8 of 10 compared lines differ from the book; first: 3.00 → 30.00 (book → ours)")
        let lines = x.consoleLines()
        #expect(lines.count == 1 + 2 * Exploration.shortLines + 1)
        #expect(lines.last == "  and 5 more lines differ (all: --full-diff)")
        #expect(x.consoleLines(limit: nil).count == 1 + 2 * 8)
        #expect(Exploration.make(expected: book, tolerance: nil, actual: book).summary == "same output as the book")
        #expect(Exploration.make(expected: nil, tolerance: nil, actual: "a\nb\n").summary == "no book output to compare with: ours prints 2 lines")
    }

    @Test func diffsAreShortUnlessFull() {
        let expected = (1...20).map { "x \($0)" }.joined(separator: "\n")
        let actual = (1...20).map { "x \($0 + 100)" }.joined(separator: "\n")
        let mismatches = OutputComparator().compare(expected: expected, actual: actual)
        #expect(mismatches.count == 20)
        let block = FencedBlock(openLine: 10, closeLine: 31, info: "output", literal: expected + "\n")
        let short = MismatchFormatter.messages(mismatches, block: block, file: "ch.md")
        #expect(short.count == MismatchFormatter.shortLimit + 1)
        #expect(short.last == "and 17 more lines differ (all: --full-diff)")
        #expect(short[0].hasPrefix("ch.md:11: output differs from the book's output: "))
        #expect(MismatchFormatter.messages(mismatches, block: block, file: "ch.md", limit: nil).count == 20)
        let snap = MismatchFormatter.messages(Array(mismatches.prefix(4)), snapshotPath: "s/cell-1.txt")
        #expect(snap.last == "and 1 more line differ (all: --full-diff)")
    }

    static let chapterText = """
        # Restore

        Some prose with `code`.\r
        ```swift
        let rate = 1.0   
        print(rate)
        ```

        ```output
        1.0
        ```

        More prose.

        ```swift
        print(rate * 2)
        ```

        ```output
        2.0
        ```
        """

    @Test func restorePutsPublishedCodeBackByteForByte() throws {
        let path = try writeChapter(Self.chapterText)
        let chapter = try ChapterParser.load(path: path)
        try PublishedCells(chapter: chapter).write(to: PublishedCells.path(for: chapter))
        // Edit both cells and the prose; add a new cell.
        let edited = Self.chapterText.replacingOccurrences(of: "let rate = 1.0", with: "let rate = 0.5")
            .replacingOccurrences(of: "print(rate * 2)", with: "print(rate * 3)")
            .replacingOccurrences(of: "More prose.", with: "More prose, edited.\n\n```swift\nprint(\"mine\")\n```")
        try AtomicFile.write(edited, to: path)
        let only = try ChapterRestorer.restore(chapterAt: path, cell: 3)
        #expect(only.restored == [3])
        #expect(read(path) == edited.replacingOccurrences(of: "print(rate * 3)", with: "print(rate * 2)"))
        let all = try ChapterRestorer.restore(chapterAt: path)
        #expect(all.restored == [1])
        #expect(all.log.contains { $0.contains("cell 2") && $0.contains("is new") })
        #expect(read(path) == Self.chapterText.replacingOccurrences(of: "More prose.", with: "More prose, edited.\n\n```swift\nprint(\"mine\")\n```"))
        let again = try ChapterRestorer.restore(chapterAt: path)
        #expect(again.restored == [])
    }

    @Test func restoreWithoutPublishedCellsIsAClearError() throws {
        let path = try writeChapter(Self.chapterText)
        #expect(throws: RunnerError.self) { try ChapterRestorer.restore(chapterAt: path) }
        #expect(read(path) == Self.chapterText)
    }

    /// Runs real programs: `--update` records the cells; an edit fails with the summary first (CI)
    /// or is an experiment with `--explore`; without a record nothing is an experiment.
    @Test func editedCellFailsShortOrIsExplored() throws {
        let text = """
            ```swift
            let scale = 1.0
            for k in 1...12 { print("line \\(k): \\(Double(k) * scale)") }
            ```

            ```output
            \((1...12).map { "line \($0): \(Double($0))" }.joined(separator: "\n"))
            ```

            ```swift
            print(scale)
            ```

            ```output
            1.0
            ```
            """
        let path = try writeChapter(text)
        let chapter = try ChapterParser.load(path: path)
        let store = PublishedCells.path(for: chapter)
        #expect(!FileManager.default.fileExists(atPath: store))
        // No record: edits are invisible, the chapter runs as before.
        try AtomicFile.write(text.replacingOccurrences(of: "scale = 1.0", with: "scale = 2.0"), to: path)
        let plain = runChapter(path)
        #expect(plain.statuses == [.failed, .failed])
        #expect(plain.cells.allSatisfy { $0.edit == nil })
        try AtomicFile.write(text, to: path)
        let updated = runChapter(path, update: true)
        #expect(updated.statuses == [.passed, .passed])
        #expect(updated.updateLog.contains { $0.contains("recorded the chapter's 2 cells as published") })
        #expect(try PublishedCells.read(store) == PublishedCells(chapter: chapter))

        try AtomicFile.write(text.replacingOccurrences(of: "scale = 1.0", with: "scale = 2.0"), to: path)
        let ci = runChapter(path)
        #expect(ci.statuses == [.failed, .failed])
        #expect(ci.cells[0].edit == .edited(published: 1, code: "let scale = 1.0\nfor k in 1...12 { print(\"line \\(k): \\(Double(k) * scale)\") }\n"))
        let lines = ci.cells[0].messages.joined(separator: "\n").split(separator: "\n")
        #expect(lines.count < 15, "\(lines.joined(separator: "\n"))")
        #expect(lines.first?.hasSuffix("cell 1 is an experiment: its code differs from published cell 1 (\(Paths.display(store)))") == true)
        #expect(lines[1] == "  12 of 12 compared lines differ from the book; first: 1.0 → 2.0 (book → ours)")
        #expect(lines.contains { $0.contains("--explore") && $0.contains("restore") })

        var options = RunOptions(root: packageRoot)
        options.explore = true
        let explored = BookRunner.run(chapterAt: path, options: options)
        #expect(explored.statuses == [.experiment, .experiment])
        #expect(!explored.failed)
        #expect(explored.cells[0].messages == [])
        #expect(explored.cells[1].exploration?.summary == "1 of 1 compared lines differ from the book; first: 1.0 → 2.0 (book → ours)")
        let console = ConsoleReport.chapter(explored)
        #expect(console.contains("EXP   cell 1"))
        #expect(console.contains("experiment: runs after an edited cell"))
        #expect(HTMLChapterPage.render(explored).contains("badge experiment"))
    }
}
