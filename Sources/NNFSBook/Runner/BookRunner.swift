import Foundation

/// Runs chapters: parse -> plan -> compile -> run -> judge (-> update) -> decide each outcome.
public enum BookRunner {
    /// Runs one chapter. Never throws: every problem ends up in the result.
    public static func run(chapterAt path: String, options: RunOptions) -> ChapterResult {
        let start = Date()
        var result = ChapterResult(path: Paths.display(Paths.absolute(path)))
        defer { result.totalSeconds = Date().timeIntervalSince(start) }
        let chapter: Chapter
        do {
            chapter = try ChapterParser.load(path: path)
        } catch let e as BookErrors {
            result.errors = e.errors.map(\.description)
            return result
        } catch {
            result.errors = ["\(error)"]
            return result
        }
        result.chapter = chapter
        if chapter.cells.isEmpty {
            // A truncated or mistyped chapter must not pass silently.
            result.errors.append(BookError(file: chapter.displayPath, line: nil, "the chapter has no ```swift cells (an empty, truncated or mistyped chapter?)").description)
            return result
        }
        AtomicFile.removeStaleTemporaries(beside: chapter.absolutePath)
        do {
            try run(chapter, options: options, into: &result)
        } catch {
            result.errors.append("\(chapter.displayPath): error: \(error)")
        }
        return result
    }

    /// The `.md` files of a directory (not its subdirectories), sorted by name.
    public static func chapters(in directory: String, filter: String? = nil) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".md") && (filter.map($0.contains) ?? true) }.sorted()
            .map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    private static func run(_ chapter: Chapter, options: RunOptions, into result: inout ChapterResult) throws {
        if let n = options.cell, !(1...max(1, chapter.cells.count)).contains(n) {
            throw RunnerError("--cell \(n): the chapter has \(chapter.cells.count) swift cell\(chapter.cells.count == 1 ? "" : "s")")
        }
        let requested = ProgramPlan(chapter: chapter, through: options.cell)
        let store = SnapshotStore(chapter: chapter)
        // Expectations are read before the program starts: a cell cannot rewrite a later one's.
        let snapshots = store.load(requested.cells)
        let publishedPath = PublishedCells.path(for: chapter)
        let current = PublishedCells(chapter: chapter)
        let published = try PublishedCells.read(publishedPath)
        let match = CellMatch(current: current.codes, published: published?.codes ?? current.codes)
        result.deletedCells = match.deleted
        var execution: ChapterExecution?
        var compiled: ChapterCompiler.Outcome?
        if !requested.cells.isEmpty {
            let root = try options.root ?? PackageRoot.find(startingAt: [chapter.absolutePath])
            let core = try CoreBuilder.build(root: root, progress: options.progress)
            let work = try WorkDirectory.make(root: root, stem: chapter.stem)
            defer { if !options.keepWork { try? FileManager.default.removeItem(atPath: work) } }
            let outcome = try ChapterCompiler(core: core, workDirectory: work).compile(requested)
            compiled = outcome
            result.compileSeconds = outcome.seconds
            if let message = outcome.programError {
                result.errors.append("\(chapter.displayPath): error: the chapter program failed to build:\n\(message)")
            }
            if let exe = outcome.executable, !outcome.plan.runCells.isEmpty {
                execution = try ChapterExecution.run(executable: exe, plan: outcome.plan, workingDirectory: root,
                                                     heartbeat: options.heartbeat, outputCap: options.outputCap,
                                                     progress: options.progress)
                result.runSeconds = execution!.seconds
            }
        }
        var evidence: [CellOutcome.Evidence]
        (result.cells, evidence) = assemble(chapter, compiled: compiled, execution: execution,
                                            snapshots: snapshots, options: options)
        if let exec = execution {
            for p in exec.problems { result.errors.append("\(chapter.displayPath): error: \(p)") }
        }
        if case .crashed(nil, let termination, let crash)? = execution?.ending {
            var text = "\(chapter.displayPath): error: the program ended outside any cell (\(termination.description))"
            if let at = crash?.location { text += " at \(at)" }
            let shown = OutputNormalizer.lines(crash?.output ?? execution?.strayOutput ?? "").suffix(6).map(\.text)
            if !shown.isEmpty { text += "\n" + shown.map { "    " + $0 }.joined(separator: "\n") }
            result.errors.append(text)
        } else if let stray = execution?.strayOutput, !OutputNormalizer.lines(stray).isEmpty {
            result.errors.append("\(chapter.displayPath): error: output printed outside any cell (a `global` cell may only declare):\n\(stray)")
        }
        ExperimentMarker(chapter: chapter, match: match, options: options).mark(&result.cells, evidence: &evidence)
        if options.update {
            var updater = OutputUpdater(chapter: chapter, snapshots: store)
            try updater.update(&result.cells, evidence: &evidence, log: &result.updateLog)
            if published != current {
                // The chapter's cells as they are now become the published ones (edit detection, restore).
                try current.write(to: publishedPath)
                result.updateLog.append("recorded the chapter's \(current.codes.count) cells as published in \(Paths.display(publishedPath))")
            }
        }
        for i in result.cells.indices { result.cells[i].outcome = CellOutcome.decide(evidence[i]) }
    }

    /// One result (evidence) and one ``CellOutcome/Evidence`` per cell of the chapter, in order.
    private static func assemble(_ chapter: Chapter, compiled: ChapterCompiler.Outcome?, execution: ChapterExecution?,
                                 snapshots: SnapshotStore.Loaded, options: RunOptions) -> ([CellResult], [CellOutcome.Evidence]) {
        let judge = CellJudge(chapter: chapter, snapshots: snapshots, diffLimit: options.fullDiff ? nil : MismatchFormatter.shortLimit)
        let compiledIndices = Set(compiled?.plan.cells.map(\.index) ?? [])
        var blocker: String?  // why later cells did not run
        var results: [CellResult] = []
        var evidence: [CellOutcome.Evidence] = []
        for cell in chapter.cells {
            var r = CellResult(cell: cell, outcome: .notRun(reason: ""))
            let stage: CellOutcome.Stage
            if let n = options.cell, cell.index > n {
                stage = .notSelected
            } else if let reason = cell.options.skipReason {
                stage = .skipped(reason: reason)
                r.notes.append("skipped: \(reason)")
            } else if let c = compiled, c.failedCell == cell.index {
                stage = .compileFailed
                r.compileErrors = c.errors
                r.messages = c.errors.map { ([$0.description] + $0.detail).joined(separator: "\n    ") }
                blocker = "cell \(cell.index) failed to compile"
            } else if !compiledIndices.contains(cell.index) {
                stage = .notRun(reason: blocker ?? "the program did not build")
            } else if cell.options.global {
                stage = .global
                r.notes.append("global declarations (compiled, not run)")
            } else if let exec = execution {
                stage = judgeRun(cell, exec: exec, judge: judge, blocker: &blocker, into: &r)
            } else {
                stage = .notRun(reason: blocker ?? "the program did not run")
            }
            if case .notRun(let reason) = stage { r.notes.append("not run: " + reason) }
            let forState = options.cell.map { cell.index < $0 } ?? false
            if forState, case .finished = stage {
                // Run for state only: not compared, so its comparison evidence is not shown.
                r.messages = []
                r.mismatches = []
                r.snapshotMismatches = []
            }
            results.append(r)
            evidence.append(CellOutcome.Evidence(stage: stage, forStateOnly: forState))
        }
        return (results, evidence)
    }

    private static func judgeRun(_ cell: Cell, exec: ChapterExecution, judge: CellJudge, blocker: inout String?,
                                 into r: inout CellResult) -> CellOutcome.Stage {
        let run = exec.cells[cell.index] ?? ChapterExecution.CellRun()
        let file = judge.chapter.displayPath
        switch exec.ending {
        case .timedOut(let c, let limit) where c == cell.index:
            r.seconds = run.seconds
            r.actual = run.output
            r.figures = run.figures
            r.messages.append("\(file):\(cell.code.openLine): cell \(cell.index) timed out after \(formatSeconds(limit)) (limit: `timeout=\(formatSeconds(limit, unit: false))`, default \(Int(CodeOptions.defaultTimeout)) s); the process was killed")
            blocker = "cell \(cell.index) timed out"
            return .timedOut
        case .crashed(let c, let termination, let crash) where c == cell.index:
            r.seconds = run.seconds
            r.actual = run.output
            r.figures = run.figures
            r.crash = crash
            let at = crash?.location ?? "\(file):\(cell.code.openLine)"
            let what: String
            switch termination {
            case .exited(let code): what = "ended the program with exit code \(code) before the cell finished"
            case .signaled: what = "crashed (\(termination.description))"
            }
            var text = "\(at): cell \(cell.index) \(what)"
            if let m = crash?.message { text += "\n    \(m)" }
            let tail = OutputNormalizer.lines(crash?.output ?? run.output).suffix(6).map(\.text).filter { $0 != crash?.message }
            if !tail.isEmpty { text += "\n    last output:\n" + tail.map { "      " + $0 }.joined(separator: "\n") }
            r.messages.append(text)
            if case .exited = termination { blocker = "cell \(cell.index) ended the program" } else { blocker = "cell \(cell.index) crashed" }
            return .crashed
        default:
            guard run.ended else {
                if run.began { r.actual = run.output }
                return .notRun(reason: blocker ?? "the program ended before this cell")
            }
            return .finished(failures: judge.judge(cell, run: run, into: &r))
        }
    }
}

func formatSeconds(_ s: Double, unit: Bool = true) -> String {
    let text = s == s.rounded() ? String(Int(s)) : String(format: "%.2f", s)
    return unit ? text + " s" : text
}
