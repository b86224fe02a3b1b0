import Foundation
import Testing
@testable import NNFSBook

/// Regression tests for issue 10: results a cell cannot forge, limits that always hold, output
/// that is capped and decoded whole, snapshots read before the run, figures on the side channel.
@Suite("Runner reliability")
struct RunnerReliabilityTests {
    /// A cell that prints marker lines (the old format, and the new one with a guessed nonce) and
    /// exits 0 must not make later cells pass.
    @Test func printedMarkersCannotForgeLaterCells() throws {
        let path = try writeChapter("""
            ```swift
            print("\\u{1}NNFS-CELL 1 END 5")
            print("\\u{1}NNFS-CELL 2 BEGIN")
            print("\\u{1}NNFS-CELL 2 END 5")
            print("\\u{1}NNFS-CELL 0-0 1 END")
            print("\\u{1}NNFS-CELL 0-0 2 BEGIN")
            print("\\u{1}NNFS-CELL 0-0 2 END")
            exit(0)
            ```

            ```swift
            print("two")
            ```

            ```output
            two
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.failed, .notRun])
        #expect(r.cells[0].failure == .crash)
        #expect(r.cells[0].messages.first?.contains("ended the program with exit code 0 before the cell finished") == true)
        let failed = r.failed
        #expect(failed)
    }

    /// A channel record sent by the cell itself is not enough: the stdout markers must agree.
    @Test func forgedChannelRecordsAreNotCounted() throws {
        let path = try writeChapter("""
            ```swift
            import NNFS
            BookChannel.send("end", "1 5")
            BookChannel.send("begin", "2")
            BookChannel.send("end", "2 5")
            exit(0)
            ```

            ```swift
            print("two")
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.failed, .notRun])
        #expect(r.errors.contains { $0.contains("disagree with its stdout markers") })
    }

    /// After a cell closes stdout and stderr (pipe EOF), the time limit still holds.
    @Test func timeLimitHoldsAfterTheCellClosesItsOutput() throws {
        let path = try writeChapter("""
            ```swift timeout=2
            import Foundation
            print("closing")
            fflush(stdout)
            close(1)
            close(2)
            sleep(60)
            ```
            """)
        let r = runChapter(path)
        #expect(r.cells[0].outcome == .failed(.timeout))
        #expect(r.cells[0].messages.first?.contains("cell 1 timed out after 2 s") == true)
        #expect(r.cells[0].actual == "closing\n")
    }

    /// A cell flooding its output is still stopped by its time limit, and what it printed is
    /// held within the cap.
    @Test func floodingCellIsStoppedByItsLimitWithinTheCap() throws {
        let path = try writeChapter("""
            ```swift timeout=2
            while true { print("\\u{1}NNFS-CELL 1 END 5 flood") }
            ```
            """)
        var options = RunOptions(root: packageRoot)
        options.outputCap = 256 * 1024
        options.heartbeat = 0.05  // the progress line must stay cheap under a flood
        let r = BookRunner.run(chapterAt: path, options: options)
        #expect(r.cells[0].outcome == .failed(.timeout), "\(r.cells[0].messages)")
        #expect(r.cells[0].messages.first?.contains("cell 1 timed out after 2 s") == true)
        let actual = r.cells[0].actual ?? ""
        #expect(actual.utf8.count < 256 * 1024 + 200)
        #expect(actual.contains("bytes of output cut here"))
    }

    /// A cell printing far past the cap fails with a clear message; head and tail are kept.
    @Test func outputOverTheCapFailsTheCell() throws {
        let path = try writeChapter("""
            ```swift
            for i in 0..<200_000 { print("line \\(i)") }
            ```

            ```output
            line 0
            ...
            line 199999
            ```
            """)
        var options = RunOptions(root: packageRoot)
        options.outputCap = 64 * 1024
        let r = BookRunner.run(chapterAt: path, options: options)
        #expect(r.cells[0].outcome == .failed(.outputLimit))
        let actual = r.cells[0].actual ?? ""
        #expect(actual.utf8.count < 70 * 1024, "\(actual.components(separatedBy: "\n").filter { !$0.hasPrefix("line") })")
        #expect(actual.hasPrefix("line 0\nline 1\n"))
        #expect(actual.hasSuffix("line 199999\n"))
        #expect(actual.contains("bytes of output cut here; the cell printed 2288890 bytes, over the limit of 65536]"))
        #expect(r.cells[0].messages.first?.contains("printed more than the output limit of 65536 bytes") == true)
    }

    /// A multibyte character written in two pieces (two pipe reads) stays whole; a NUL byte is
    /// escaped, and `--update` never writes it raw into the chapter.
    @Test func splitUTF8AndNULAreDecodedWholeAndEscaped() throws {
        let path = try writeChapter("""
            ```swift
            import Foundation
            let sigma = Array("σ".utf8)
            FileHandle.standardOutput.write(Data([sigma[0]]))
            usleep(300_000)
            FileHandle.standardOutput.write(Data([sigma[1]] + Array(" = 1\\n".utf8) + [0x61, 0x00, 0x62, 0x0A]))
            ```
            """)
        let first = runChapter(path)
        #expect(first.cells[0].actual == "σ = 1\na\\x00b\n")
        _ = runChapter(path, update: true)
        let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
        #expect(!bytes.contains(0))
        #expect(read(path).contains("```output ours\nσ = 1\na\\x00b\n```"))
        let again = runChapter(path)
        #expect(again.statuses == [.passed])
    }

    /// A cell that rewrites a later tolerance cell's snapshot does not change what that cell is
    /// checked against: snapshots are read before the program starts.
    @Test func snapshotsAreReadBeforeTheProgramStarts() throws {
        let path = try writeChapter("""
            ```swift
            import Foundation
            try! "forged 2.0\\n".write(toFile: "\\(FileManager.default.currentDirectoryPath)/SNAP", atomically: true, encoding: .utf8)
            ```

            ```swift
            print("forged 2.0")
            ```

            ```output tolerance=1e-3 reason="test"
            forged 2.0
            ```
            """)
        let snapshot = Paths.directory(of: path) + "/snapshots/ch/cell-2.txt"
        try AtomicFile.write("honest 2.0\n", to: snapshot)
        // Point cell 1 at the snapshot file itself.
        let text = read(path).replacingOccurrences(of: "\\(FileManager.default.currentDirectoryPath)/SNAP", with: snapshot)
        try AtomicFile.write(text, to: path)
        let r = runChapter(path)
        #expect(r.errors == [])
        try #require(r.cells.count == 2)
        #expect(read(snapshot) == "forged 2.0\n")  // the cell did rewrite it ...
        #expect(r.cells[1].outcome == .failed(.snapshot))  // ... but cell 2 was checked against the old one
        #expect(r.cells[1].snapshot == "honest 2.0\n")
    }

    /// A figure record sent on the side channel is attached to the cell that was running; its
    /// `data` is snapshotted by `--update` and checked afterwards, a change failing with a diff.
    @Test func figureRecordsAreAttachedAndSnapshotted() throws {
        let path = try writeChapter("""
            ```swift
            print("before")
            ```

            ```output
            before
            ```

            ```swift
            import NNFS
            BookChannel.send("figure", #"{"svg":"<svg xmlns='http://www.w3.org/2000/svg'/>","data":"line\\n0 1\\n1 4","alt":"a line"}"#)
            print("drawn")
            ```

            ```output
            drawn
            ```
            """)
        let first = runChapter(path)
        #expect(first.cells[0].figures.isEmpty)
        #expect(first.cells[1].figures == [CellFigure(svg: "<svg xmlns='http://www.w3.org/2000/svg'/>", data: "line\n0 1\n1 4", alt: "a line")])
        #expect(first.cells[1].outcome == .failed(.figure))
        #expect(first.cells[1].messages.first?.contains("missing snapshot for the 1 figure cell 2 drew") == true)

        let updated = runChapter(path, update: true)
        #expect(updated.statuses == [.passed, .updated])
        let figure = Paths.directory(of: path) + "/snapshots/ch/cell-2-figure-1.txt"
        #expect(read(figure) == "line\n0 1\n1 4")

        #expect(runChapter(path).statuses == [.passed, .passed])

        try AtomicFile.write("line\n0 1\n1 5", to: figure)
        let changed = runChapter(path)
        #expect(changed.cells[1].outcome == .failed(.figure))
        #expect(changed.cells[1].messages.first?.contains("cell-2-figure-1.txt:3: figure 1 data differs from the snapshot") == true)
        #expect(changed.cells[1].messages.first?.contains("expected: 1 5") == true)
    }

    /// A malformed figure record fails the cell with a clear message.
    @Test func malformedFigureRecordFailsTheCell() throws {
        let path = try writeChapter("""
            ```swift
            import NNFS
            BookChannel.send("figure", "not json")
            ```
            """)
        let r = runChapter(path)
        #expect(r.cells[0].outcome == .failed(.channel))
        #expect(r.cells[0].messages.first?.contains("a figure record that is not the JSON object") == true)
    }
}
