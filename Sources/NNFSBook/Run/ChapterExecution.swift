import Foundation

/// Runs a compiled chapter program (one process for the whole chapter), attributes its output to
/// cells by their markers, times each cell and enforces each cell's time limit.
public struct ChapterExecution: Sendable {
    /// What one cell did.
    public struct CellRun: Sendable, Equatable {
        public var output = ""
        public var began = false
        public var ended = false
        /// Measured inside the program between the cell's markers.
        public var seconds: Double?
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

    /// The environment additions for a chapter program: a concise, symbolicated crash report on
    /// stderr (which shares the pipe with stdout), never an interactive debugger prompt.
    public static let backtraceSetting = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=32,top=0,output-to=stderr"

    /// Debian's OpenBLAS 0.3.21 takes recent AMD CPUs for Haswell and runs AVX2 kernels; where
    /// the CPU has AVX-512 its SkylakeX kernels are 1.4x faster on a chapter-10 training run.
    /// (Measured: every chapter, including the strict snapshots of chapter 10, gives the same
    /// output with either kernel.) Nil where AVX-512 is missing.
    static let openBLASCoreType: String? = {
        guard let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let have = Set(flags.split(separator: " ").map(String.init))
        return ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(have.contains) ? "SkylakeX" : nil
    }()

    /// Runs `executable`. `timeouts` gives each run cell's limit in seconds; `startupLimit` bounds
    /// the time before the first cell begins and after the last one ends.
    /// A cell that runs longer than `heartbeat` seconds is reported through `progress` every
    /// `heartbeat` seconds with the last line it printed (a training log's latest epoch).
    public static func run(executable: String, plan: ProgramPlan, workingDirectory: String,
                           startupLimit: Double = CodeOptions.defaultTimeout, heartbeat: Double = 10,
                           progress: (String) -> Void = { _ in }) throws -> ChapterExecution {
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = backtraceSetting
        // The core runs BLAS on one thread (Tensor.configureBLAS); without this, OpenBLAS still
        // starts its thread pool at load and a spinning worker takes ~10% of a second core.
        if env["OPENBLAS_NUM_THREADS"] == nil { env["OPENBLAS_NUM_THREADS"] = env["NNFS_BLAS_THREADS"] ?? "1" }
        if env["OPENBLAS_CORETYPE"] == nil, let core = Self.openBLASCoreType { env["OPENBLAS_CORETYPE"] = core }
        let start = Date()
        let process = try Subprocess(executable: executable, arguments: [], workingDirectory: workingDirectory, environment: env)
        let limits = Dictionary(uniqueKeysWithValues: plan.runCells.map { ($0.index, $0.options.effectiveTimeout) })

        var result = ChapterExecution()
        var stream = MarkerStream()
        var current: Int?
        var cellBegan = Date()
        var deadline = Date().addingTimeInterval(startupLimit)
        var exitedAt: Date?
        var lastHeartbeat = Date()

        func apply(_ events: [MarkerStream.Event]) {
            for event in events {
                switch event {
                case .output(let bytes):
                    let text = String(decoding: bytes, as: UTF8.self)
                    if let c = current { result.cells[c, default: CellRun()].output += text } else { result.strayOutput += text }
                case .begin(let cell):
                    current = cell
                    cellBegan = Date()
                    lastHeartbeat = cellBegan
                    result.cells[cell, default: CellRun()].began = true
                    deadline = Date().addingTimeInterval(limits[cell] ?? CodeOptions.defaultTimeout)
                case .end(let cell, let ns):
                    result.cells[cell, default: CellRun()].ended = true
                    result.cells[cell, default: CellRun()].seconds = Double(ns) / 1e9
                    current = nil
                    deadline = Date().addingTimeInterval(startupLimit)
                }
            }
        }

        while true {
            let now = Date()
            if now >= deadline {
                process.killGroup()
                process.waitBlocking()
                // Keep what was printed up to the kill.
                while let chunk = process.read(timeout: 0.2), !chunk.isEmpty { apply(stream.feed(chunk)) }
                apply(stream.finish())
                if let c = current {
                    result.ending = .timedOut(cell: c, limit: limits[c] ?? CodeOptions.defaultTimeout)
                    result.cells[c, default: CellRun()].seconds = now.timeIntervalSince(cellBegan)
                } else {
                    result.ending = .crashed(cell: nil, termination: .signaled(SIGKILL), crash: nil)
                    result.strayOutput += "\n[nnfs-book: killed after \(Int(startupLimit)) s outside any cell]\n"
                }
                break
            }
            // Once the process has exited, drain what is left briefly: a grandchild holding the
            // pipe open must not hang the runner.
            if let c = current, now.timeIntervalSince(lastHeartbeat) >= heartbeat {
                lastHeartbeat = now
                let last = result.cells[c]?.output.split(separator: "\n").last.map(String.init) ?? ""
                progress("    cell \(c) running \(Int(now.timeIntervalSince(cellBegan))) s" + (last.isEmpty ? "" : ": \(last.prefix(100))"))
            }
            if exitedAt == nil, process.poll() != nil { exitedAt = Date() }
            if let t = exitedAt, Date().timeIntervalSince(t) > 1 { process.killGroup(); break }
            guard let chunk = process.read(timeout: min(0.25, deadline.timeIntervalSince(now))) else { break }
            if !chunk.isEmpty { apply(stream.feed(chunk)) }
        }
        apply(stream.finish())
        let termination = process.waitBlocking()
        result.seconds = Date().timeIntervalSince(start)
        if case .timedOut = result.ending { return result }

        let allEnded = plan.runCells.allSatisfy { result.cells[$0.index]?.ended == true }
        if termination.succeeded && allEnded {
            result.ending = .completed
        } else {
            var crash: CrashReport?
            if let c = current {
                let report = CrashReport(output: result.cells[c]?.output ?? "", chapterPath: plan.chapter.displayPath)
                result.cells[c]?.output = report.output
                crash = report
            } else if !result.strayOutput.isEmpty {
                crash = CrashReport(output: result.strayOutput, chapterPath: plan.chapter.displayPath)
            }
            result.ending = .crashed(cell: current, termination: termination, crash: crash)
        }
        return result
    }
}
