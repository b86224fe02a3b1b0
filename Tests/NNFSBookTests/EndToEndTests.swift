import Foundation
import Testing
@testable import NNFSBook

/// These compile and run real chapter programs against the NNFS core of this repository.
@Suite("End to end")
struct EndToEndTests {
    @Test func passingChapterWithShadowing() throws {
        let path = try writeChapter("""
            # Shadowing like a notebook

            ```swift global
            protocol Named { var name: String { get } }
            extension Int: Named { var name: String { "int \\(self)" } }
            ```

            ```swift
            import NNFS
            let inputs = [1.0, 2.0, 3.0]
            func total() -> Double { inputs.reduce(0, +) }
            class Counter { var n = 0; func bump() -> Int { n += 1; return n } }
            let counter = Counter()
            let scale = { (x: Double) in x * 2 }
            print(inputs, total(), counter.bump(), 7.name)
            ```

            ```output
            [1.0, 2.0, 3.0] 6.0 1 int 7
            ```

            ```swift
            let inputs = inputs.map(scale)
            func total() -> Double { -1 }
            class Counter { let n = 42 }
            print(inputs, total(), Counter().n, counter.bump())
            ```

            ```output
            [2.0,  4.0, 6.0 ] -1 42 2
            ```

            ```swift skip reason="not in Swift yet"
            print(undefined)
            ```

            ```swift
            print("took \\(Int.random(in: 1...9)) ms")
            ```

            ```output unchecked reason="timing"
            took 5 ms
            ```
            """)
        let r = runChapter(path)
        #expect(r.errors == [])
        #expect(r.statuses == [.passed, .passed, .passed, .skipped, .passed])
        let failed = r.failed
        #expect(!failed, "\(r.cells.flatMap(\.messages))")
        #expect(r.cells[1].seconds != nil)
        #expect(r.cells[2].actual == "[2.0, 4.0, 6.0] -1.0 42 2\n")
    }

    @Test func wrongNumberGivesReadableDiff() throws {
        let path = try writeChapter("""
            ```swift
            print("loss: 1.0986123")
            print("acc:", 0.9206)
            ```

            ```output
            loss: 1.0986123
            acc: 0.920
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.failed])
        #expect(r.cells[0].failure == .output)
        #expect(r.cells[0].messages == ["""
            \(path):8: output differs from the book's output: number 1: expected 0.920, got 0.9206 (off by 6.0e-04, allowed ±5.0e-04)
                expected: acc: 0.920
                actual:   acc: 0.9206
            """])
        let failed = r.failed
        #expect(failed)
    }

    @Test func compileErrorInCellTwo() throws {
        let path = try writeChapter("""
            ```swift
            let a = [1, 2, 3]
            print(a.count)
            ```

            ```output
            3
            ```

            ```swift
            let b = a.count
            print(notDefined + b)
            ```

            ```swift
            print("never")
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.passed, .failed, .notRun])
        #expect(r.cells[0].actual == "3\n")
        #expect(r.cells[1].failure == .compile)
        let first = try #require(r.cells[1].compileErrors.first)
        #expect(first.file == path)
        #expect(first.line == 12)
        #expect(first.message == "cannot find 'notDefined' in scope")
        #expect(r.cells[1].messages.first?.hasPrefix("\(path):12:7: error: cannot find 'notDefined' in scope") == true)
        #expect(r.cells[2].notes == ["not run: cell 2 failed to compile"])
    }

    @Test func unbalancedBraceIsBlamedOnItsCell() throws {
        // swiftc reports this at the end of the generated main.swift: the runner bisects.
        let path = try writeChapter("""
            ```swift
            print("one")
            ```

            ```output
            one
            ```

            ```swift
            if true {
            print("two")
            ```

            ```swift
            print("three")
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.passed, .failed, .notRun])
        #expect(r.cells[1].failure == .compile)
        #expect(r.cells[1].messages.first?.hasPrefix("\(path):12:1: error: expected '}'") == true)
    }

    @Test func trapInCellTwo() throws {
        let path = try writeChapter("""
            ```swift
            print("one")
            ```

            ```output
            one
            ```

            ```swift
            let xs = [1, 2]
            print("before")
            print(xs[5])
            ```

            ```swift
            fatalError("boom")
            ```
            """)
        let r = runChapter(path)
        #expect(r.statuses == [.passed, .failed, .notRun])
        let crashed = r.cells[1]
        #expect(crashed.failure == .crash)
        #expect(crashed.actual?.hasPrefix("before\n") == true)
        #expect(crashed.crash?.message?.hasSuffix("Fatal error: Index out of range") == true)
        #expect(crashed.crash?.location == "\(path):12")
        #expect(crashed.messages.first?.hasPrefix("\(path):12: cell 2 crashed (signal 4") == true)
        #expect(r.cells[2].notes == ["not run: cell 2 crashed"])

        let boom = try writeChapter("```swift\nprint(1)\nfatalError(\"boom\")\n```\n\n```output\n1\n```\n")
        let b = runChapter(boom)
        #expect(b.statuses == [.failed])
        #expect(b.cells[0].crash?.message?.hasSuffix("Fatal error: boom") == true)
        #expect(b.cells[0].crash?.location == "\(boom):3")

        // A trap outside any cell (a global cell's initializer) fails the chapter, never passes it.
        let global = try writeChapter("```swift global\nlet table = [1, 2]\nlet bad = table[7]\n```\n\n```swift\nprint(bad)\n```\n")
        let g = runChapter(global)
        #expect(g.statuses == [.passed, .notRun])
        #expect(g.errors.count == 1)
        #expect(g.errors.first?.hasPrefix("\(global): error: the program ended outside any cell (signal 4") == true)
        #expect(g.errors.first?.contains("at \(global):3") == true)
        let failed = g.failed
        #expect(failed)
    }

    @Test func timeoutKillsTheCell() throws {
        let path = try writeChapter("""
            ```swift
            print("start")
            ```

            ```output
            start
            ```

            ```swift timeout=1
            print("sleeping")
            sleep(30)
            ```

            ```swift
            print("after")
            ```
            """)
        // The outcome and the limit it reports; never the wall time (a loaded machine is slow).
        let r = runChapter(path)
        #expect(r.statuses == [.passed, .failed, .notRun])
        #expect(r.cells[1].outcome == .failed(.timeout))
        #expect(r.cells[1].failure == .timeout)
        #expect(r.cells[1].actual == "sleeping\n")
        #expect(r.cells[1].messages.first?.hasPrefix("\(path):9: cell 2 timed out after 1 s") == true)
    }

    @Test func updateAddsMissingBlockAndKeepsBookBlock() throws {
        let original = """
            ```swift
            print("ours", 1)
            ```

            ```swift
            print("book", 2)
            ```

            ```output
            book 3
            ```

            ```swift
            print("tol", 1.00001)
            ```

            ```output tolerance=1e-4 reason="summation order"
            tol 1.0
            ```

            """
        let path = try writeChapter(original)
        let before = runChapter(path)
        #expect(before.statuses == [.failed, .failed, .failed])
        #expect(before.cells[0].failure == .noOutputBlock)
        #expect(before.cells[0].messages.first?.contains("--cell 1 --update") == true)
        #expect(before.cells[2].failure == .snapshot)

        let updated = runChapter(path, update: true)
        #expect(updated.statuses == [.updated, .failed, .updated])
        #expect(updated.cells[1].notes.contains { $0.hasPrefix("kept book output at \(path):10 (differs: number 1: expected 3, got 2") })
        let text = read(path)
        #expect(text == original.replacingOccurrences(of: "print(\"ours\", 1)\n```\n", with: "print(\"ours\", 1)\n```\n\n```output ours\nours 1\n```\n"))
        let snapshot = Paths.directory(of: path) + "/snapshots/ch/cell-3.txt"
        #expect(read(snapshot) == "tol 1.00001\n")

        let after = runChapter(path)
        #expect(after.statuses == [.passed, .failed, .passed])
    }

    @Test func longCellReportsProgressWithItsLastLine() throws {
        let path = try writeChapter("""
            # Slow

            ```swift
            import Foundation
            print("epoch: 1")
            usleep(1_600_000)
            print("epoch: 2")
            ```

            ```output ours
            epoch: 1
            epoch: 2
            ```
            """)
        let lines = LockedLines()
        var options = RunOptions(root: packageRoot, progress: { lines.append($0) })
        options.heartbeat = 0.5
        let result = BookRunner.run(chapterAt: path, options: options)
        #expect(result.statuses == [.passed])
        let beats = lines.all.filter { $0.contains("cell 1 running") }
        #expect(beats.count >= 2, "\(lines.all)")
        #expect(beats.allSatisfy { $0.hasSuffix(": epoch: 1") })
    }

    @Test func cellOptionRunsEarlierCellsForState() throws {
        let path = try writeChapter("""
            ```swift
            let n = 41
            print("setup")
            ```

            ```swift
            print(n + 1)
            ```

            ```output
            42
            ```

            ```swift
            print(fail)
            ```
            """)
        let r = runChapter(path, cell: 2)
        #expect(r.statuses == [.ranForState, .passed, .notSelected])
        let failed = r.failed
        #expect(!failed)
    }
}
