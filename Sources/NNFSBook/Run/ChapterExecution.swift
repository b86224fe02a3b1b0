import Foundation
import NNFS

/// Runs a compiled chapter program (one process for the whole chapter), attributes its output to
/// cells, times each cell and enforces each cell's time limit and output cap.
///
/// Which cell ran and ended comes from the side channel (``BookChannel``: `begin`/`end` records on
/// descriptor 3); where one cell's stdout ends and the next begins comes from marker lines carrying
/// the run's nonce. A cell counts as ended only when both agree, so neither printed text nor a
/// stray channel record can make a cell pass that did not run. See docs/runner-protocol.md.
public struct ChapterExecution: Sendable {
    /// What one cell did.
    public struct CellRun: Sendable, Equatable {
        public var output = ""
        public var began = false
        public var ended = false
        /// Measured inside the program between the cell's markers.
        public var seconds: Double?
        /// Figures the cell sent (`figure` records), in order.
        public var figures: [CellFigure] = []
        /// Bytes of output over the cap that were cut (the cell fails).
        public var bytesCut = 0
        /// The cap in bytes that applied.
        public var outputCap = 0
        /// Side-channel problems attributed to this cell (a malformed figure record).
        public var problems: [String] = []
    }

    public enum Ending: Sendable, Equatable {
        /// Every cell ran and the program exited normally.
        case completed
        /// The process ended (trap, signal, non-zero exit, `exit()`) while `cell` was running,
        /// or between cells (`cell` nil).
        case crashed(cell: Int?, termination: Subprocess.Termination, crash: CrashReport?)
        /// `cell` ran past its time limit and was killed.
        case timedOut(cell: Int, limit: Double)
    }

    public var cells: [Int: CellRun] = [:]
    /// Output printed outside any cell (a global cell's top-level statement, say).
    public var strayOutput = ""
    public var ending: Ending = .completed
    public var seconds: Double = 0
    /// Problems with the run as a whole: markers that disagree with the channel, records sent
    /// outside any cell.
    public var problems: [String] = []

    /// The default cap on what one cell may print, in bytes (the longest chapter output is a few KB).
    public static let defaultOutputCap = 4 << 20

    /// The environment additions for a chapter program: a concise, symbolicated crash report on
    /// stderr (which shares the pipe with stdout), never an interactive debugger prompt.
    public static let backtraceSetting =
        "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=32,top=0,output-to=stderr"

    /// Debian's OpenBLAS 0.3.21 takes recent AMD CPUs for Haswell and runs AVX2 kernels; where
    /// the CPU has AVX-512 its SkylakeX kernels are 1.4x faster on a chapter-10 training run.
    /// (Measured: every chapter, including the strict snapshots of chapter 10, gives the same
    /// output with either kernel.) Nil where AVX-512 is missing.
    static let openBLASCoreType: String? = {
        guard let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let have = Set(flags.split(separator: " ").map(String.init))
        return ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(have.contains) ? "SkylakeX" : nil
    }()

    /// A fresh unguessable word for the stdout markers (128 random bits).
    static func makeNonce() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(g.next() as UInt64, radix: 16) }.joined(separator: "-")
    }

    /// Runs `executable`. Each run cell's limit is its `timeout` option; `startupLimit` bounds
    /// the time before the first cell begins, between cells and after the last one ends.
    /// A cell that runs longer than `heartbeat` seconds is reported through `progress` every
    /// `heartbeat` seconds with the last line it printed (a training log's latest epoch).
    public static func run(
        executable: String, plan: ProgramPlan, workingDirectory: String,
        startupLimit: Double = CodeOptions.defaultTimeout, heartbeat: Double = 10,
        outputCap: Int = defaultOutputCap,
        progress: (String) -> Void = { _ in }
    ) throws -> ChapterExecution {
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = backtraceSetting
        // The core runs BLAS on one thread (Tensor.configureBLAS); without this, OpenBLAS still
        // starts its thread pool at load and a spinning worker takes ~10% of a second core.
        if env["OPENBLAS_NUM_THREADS"] == nil { env["OPENBLAS_NUM_THREADS"] = env["NNFS_BLAS_THREADS"] ?? "1" }
        if env["OPENBLAS_CORETYPE"] == nil, let core = Self.openBLASCoreType { env["OPENBLAS_CORETYPE"] = core }
        let nonce = makeNonce()
        env["NNFS_BOOK_NONCE"] = nonce
        env["NNFS_BOOK_CHANNEL_FD"] = String(Subprocess.childChannelFD)
        env["NNFS_BOOK_LIFELINE_FD"] = String(Subprocess.childLifelineFD)
        let runID = makeNonce()
        env[ProcessSweep.key] = runID
        let start = Date()
        let process = try Subprocess(
            executable: executable, arguments: [], workingDirectory: workingDirectory,
            environment: env, sideChannel: true)
        let limits = Dictionary(plan.runCells.map { ($0.index, $0.options.effectiveTimeout) }, uniquingKeysWith: { a, _ in a })
        var state = State(nonce: nonce, cap: outputCap)
        var deadline = Date().addingTimeInterval(startupLimit)
        var cellBegan = Date()
        var lastHeartbeat = Date()
        var exitedAt: Date?
        var timedOut: (cell: Int?, at: Date)?

        func take(_ chunks: Subprocess.Chunks) {
            if !chunks.output.isEmpty { state.output(chunks.output) }
            guard !chunks.channel.isEmpty else { return }
            let before = state.channelCell
            state.channel(chunks.channel)
            if state.channelCell != before {
                cellBegan = Date()
                lastHeartbeat = cellBegan
                let limit = state.channelCell.map { limits[$0] ?? CodeOptions.defaultTimeout } ?? startupLimit
                deadline = cellBegan.addingTimeInterval(limit)
            }
        }

        while true {
            let now = Date()
            if now >= deadline {
                timedOut = (state.channelCell, now)
                process.killGroup()
                // Keep what was printed up to the kill (bounded: the writers are dead).
                let drainEnd = Date().addingTimeInterval(1)
                while (process.outputOpen || process.channelOpen) && Date() < drainEnd { take(process.readStreams(timeout: 0.1)) }
                break
            }
            if let c = state.channelCell, now.timeIntervalSince(lastHeartbeat) >= heartbeat {
                lastHeartbeat = now
                let last = state.lastLine(of: c)
                progress("    cell \(c) running \(Int(now.timeIntervalSince(cellBegan))) s" + (last.isEmpty ? "" : ": \(last.prefix(100))"))
            }
            if exitedAt == nil, process.hasExited() { exitedAt = now }
            if let t = exitedAt {
                // Drain briefly: a background child holding a pipe open must not hang the runner.
                if !(process.outputOpen || process.channelOpen) || now.timeIntervalSince(t) > 1 { break }
            }
            // After both streams close (a cell may close stdout and stderr), keep polling the
            // process against the deadline.
            let wait = process.outputOpen || process.channelOpen ? 0.25 : 0.05
            take(process.readStreams(timeout: max(0, min(wait, deadline.timeIntervalSince(now)))))
        }
        // Whatever the program left behind goes too: its process group, and anything that left
        // the group (found by the run id in its environment).
        process.killGroup()
        ProcessSweep.killAll(runID: runID)
        let termination = process.waitBlocking()

        var result = state.finish(plan: plan)
        result.seconds = Date().timeIntervalSince(start)
        if let t = timedOut {
            if let c = t.cell {
                result.ending = .timedOut(cell: c, limit: limits[c] ?? CodeOptions.defaultTimeout)
                result.cells[c, default: CellRun()].seconds = t.at.timeIntervalSince(cellBegan)
            } else {
                result.ending = .crashed(cell: nil, termination: .signaled(SIGKILL), crash: nil)
                result.strayOutput += "\n[nnfs-book: killed after \(Int(startupLimit)) s outside any cell]\n"
            }
            return result
        }
        let allEnded = plan.runCells.allSatisfy { result.cells[$0.index]?.ended == true }
        if termination.succeeded && allEnded {
            result.ending = .completed
        } else {
            let current = state.current
            var crash: CrashReport?
            if let c = current {
                let report = CrashReport(output: result.cells[c]?.output ?? "", chapterPath: plan.chapter.displayPath)
                result.cells[c, default: CellRun()].output = report.output
                crash = report
            } else if !result.strayOutput.isEmpty {
                crash = CrashReport(output: result.strayOutput, chapterPath: plan.chapter.displayPath)
            }
            result.ending = .crashed(cell: current, termination: termination, crash: crash)
        }
        return result
    }

    /// The run's bookkeeping as bytes arrive on the two streams.
    struct State {
        var splitter: CellOutputSplitter
        var records = ChannelRecords()
        let cap: Int
        /// The cell the channel says is running.
        var channelCell: Int?
        /// The cell the stdout markers say is printing.
        var outputCell: Int?
        var outputs: [Int: CappedOutput] = [:]
        var stray: CappedOutput
        /// Each stream's begin/end sequence, to be checked against the other's.
        var channelEvents: [Event] = []
        var outputEvents: [Event] = []
        var runs: [Int: CellRun] = [:]
        var problems: [String] = []
        /// Set by ``finish(plan:)``: the cell running when the program stopped.
        var current: Int?

        enum Event: Equatable { case begin(Int), end(Int) }

        init(nonce: String, cap: Int) {
            splitter = CellOutputSplitter(nonce: nonce)
            self.cap = cap
            stray = CappedOutput(cap: cap)
        }

        mutating func output(_ bytes: [UInt8]) { apply(splitter.feed(bytes)) }

        mutating func apply(_ events: [CellOutputSplitter.Event]) {
            for event in events {
                switch event {
                case .output(let b):
                    if let c = outputCell { outputs[c, default: CappedOutput(cap: cap)].append(b) } else { stray.append(b) }
                case .begin(let c):
                    outputEvents.append(.begin(c))
                    outputCell = c
                    if outputs[c] == nil { outputs[c] = CappedOutput(cap: cap) }
                case .end(let c):
                    outputEvents.append(.end(c))
                    outputCell = nil
                }
            }
        }

        mutating func channel(_ bytes: [UInt8]) { apply(records.feed(bytes)) }

        mutating func apply(_ records: [ChannelRecords.Record]) {
            for record in records {
                switch record {
                case .begin(let c):
                    channelEvents.append(.begin(c))
                    channelCell = c
                    runs[c, default: CellRun()].began = true
                case .end(let c, let ns):
                    channelEvents.append(.end(c))
                    runs[c, default: CellRun()].seconds = Double(ns) / 1e9
                    channelCell = nil
                case .figure(let f):
                    if let c = channelCell {
                        runs[c, default: CellRun()].figures.append(f)
                    } else {
                        problems.append("a figure was sent outside any cell")
                    }
                case .malformed(let m):
                    if let c = channelCell { runs[c, default: CellRun()].problems.append(m) } else { problems.append(m) }
                }
            }
        }

        func lastLine(of cell: Int) -> String { outputs[cell]?.lastLine ?? "" }

        /// Decodes each cell's output once, whole, and counts a cell as ended only where the
        /// channel and the stdout markers agree.
        mutating func finish(plan: ProgramPlan) -> ChapterExecution {
            apply(splitter.finish())
            apply(records.finish())
            var result = ChapterExecution()
            // The first place the two streams disagree; events from there on are not trusted.
            let agreed = zip(channelEvents, outputEvents).prefix { $0 == $1 }.count
            var trusted = Set<Int>()
            for e in channelEvents.prefix(agreed) { if case .end(let c) = e { trusted.insert(c) } }
            if agreed < channelEvents.count {
                // The channel reports more (or other) than stdout shows: a cell sent records itself,
                // or closed its standard output. A stdout that merely stops early is a crash or kill.
                problems.append(
                    "the program's cell records on the side channel disagree with its stdout markers from \(describe(channelEvents[agreed])) on (did a cell send records itself, or close its standard output?); cells from there on are not counted as run"
                )
            }
            // The cell running when the program stopped, as far as both streams agree.
            current = nil
            for e in channelEvents.prefix(agreed) {
                switch e {
                case .begin(let c): current = c
                case .end: current = nil
                }
            }
            for (c, var run) in runs {
                run.ended = trusted.contains(c)
                result.cells[c] = run
            }
            for (c, out) in outputs {
                var run = result.cells[c] ?? CellRun()
                run.output = OutputText.decode(out.bytes)
                run.outputCap = cap
                run.bytesCut = out.isTruncated ? out.total - cap : 0
                result.cells[c] = run
            }
            result.strayOutput = OutputText.decode(stray.bytes)
            result.problems = problems
            return result
        }

        private func describe(_ e: Event) -> String {
            switch e {
            case .begin(let c): return "the begin of cell \(c)"
            case .end(let c): return "the end of cell \(c)"
            }
        }
    }
}
