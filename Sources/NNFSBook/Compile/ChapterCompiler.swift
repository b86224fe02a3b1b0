import Foundation

/// Compiles a chapter's program with `swiftc -Onone` against the optimized core. When the
/// program does not compile, it compiles the longest prefix of cells that does, and names the
/// first cell that fails.
public struct ChapterCompiler {
    public var core: CoreBuild
    /// A fresh directory for `main.swift` and the executable.
    public var workDirectory: String

    public init(core: CoreBuild, workDirectory: String) {
        self.core = core
        self.workDirectory = workDirectory
    }

    public struct Outcome: Sendable {
        /// The executable, when some prefix of the cells compiled and has cells to run.
        public var executable: String?
        /// The plan that was compiled (a prefix of the requested one).
        public var plan: ProgramPlan
        /// The first cell that failed to compile, with its errors.
        public var failedCell: Int?
        public var errors: [Diagnostic]
        /// A failure not attributable to any cell (linking, a missing module...).
        public var programError: String?
        public var seconds: Double
    }

    /// The arguments after `swiftc` (public so they can be shown and tested).
    public func arguments(source: String, output: String) -> [String] {
        var args = [
            "-Onone", "-g", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-module-name", "NNFSBookChapter", "-I", core.moduleDirectory,
        ]
        for include in core.extraIncludes { args += ["-I", include] }
        args += [
            "-L", core.libraryDirectory, "-lNNFS", "-Xlinker", "-rpath", "-Xlinker", core.libraryDirectory,
            source, "-o", output,
        ]
        return args
    }

    public func compile(_ requested: ProgramPlan) throws -> Outcome {
        let start = Date()
        var plan = requested
        var failedCell: Int?
        var errors: [Diagnostic] = []
        func outcome(_ executable: String?, _ programError: String? = nil) -> Outcome {
            Outcome(
                executable: executable, plan: plan, failedCell: failedCell, errors: errors,
                programError: programError, seconds: Date().timeIntervalSince(start))
        }
        while !plan.cells.isEmpty {
            let attempt = try attemptCompile(plan)
            if attempt.succeeded { return outcome(attempt.binary) }
            if let first = attempt.located.map(\.cell).min() {
                failedCell = first
                errors = attempt.located.filter { $0.cell == first }.map(\.diagnostic)
                plan = plan.dropping(from: first)
                continue
            }
            // Errors the compiler places in no cell (say, an unbalanced brace reported at the
            // end of main.swift): the culprit is the last cell of the shortest failing prefix.
            guard let (culprit, diagnostics) = try shortestFailingPrefix(plan, fullFailure: attempt) else {
                return outcome(nil, attempt.output.isEmpty ? "swiftc failed" : attempt.output)
            }
            failedCell = culprit.index
            errors = diagnostics.map { d in
                d.file == plan.chapter.displayPath ? d : Self.atClosingFence(d, of: culprit, in: plan)
            }
            if errors.isEmpty {
                errors = [
                    Diagnostic(
                        file: plan.chapter.displayPath, line: culprit.code.openLine, column: 1,
                        message: "this cell makes the program fail to compile:\n" + attempt.output, detail: [])
                ]
            }
            plan = plan.dropping(from: culprit.index)
        }
        return outcome(nil)
    }

    private struct Attempt {
        var succeeded: Bool
        var binary: String
        var output: String
        var located: [(cell: Int, diagnostic: Diagnostic)]
        var all: [Diagnostic]
    }

    private func attemptCompile(_ plan: ProgramPlan) throws -> Attempt {
        let program = ProgramGenerator.generate(plan)
        let source = workDirectory + "/main.swift"
        let binary = workDirectory + "/chapter"
        try AtomicFile.write(program.source, to: source)
        let (status, output) = try Subprocess.collect(
            executable: "swiftc", arguments: arguments(source: source, output: binary),
            workingDirectory: workDirectory)
        var seen = Set<String>()
        // swiftc's module-emitting and compiling jobs may both report the same error.
        let diagnostics = Diagnostic.parseErrors(output).filter { seen.insert($0.description).inserted }
        let located = diagnostics.compactMap { d in
            cell(of: d, in: plan, program: program, source: source).map {
                (cell: $0, diagnostic: relocate(d, program: program, plan: plan, source: source))
            }
        }
        return Attempt(succeeded: status.succeeded, binary: binary, output: output, located: located, all: diagnostics)
    }

    /// Bisects for the shortest prefix of `plan`'s cells that fails to compile. Returns its last
    /// cell and that prefix's diagnostics, or nil when even the empty program fails (a broken
    /// toolchain or core, not a cell).
    private func shortestFailingPrefix(_ plan: ProgramPlan, fullFailure: Attempt) throws -> (Cell, [Diagnostic])? {
        if try !attemptCompile(plan.dropping(from: Int.min)).succeeded { return nil }
        var good = 0, bad = plan.cells.count  // prefix lengths: `good` compiles, `bad` fails
        var badAttempt = fullFailure
        while bad - good > 1 {
            let mid = (good + bad) / 2
            let attempt = try attemptCompile(plan.dropping(from: plan.cells[mid].index))
            if attempt.succeeded { good = mid } else { bad = mid; badAttempt = attempt }
        }
        return (plan.cells[bad - 1], badAttempt.all)
    }

    /// The cell a diagnostic belongs to: by Markdown line, or by generated line for glue code.
    private func cell(of d: Diagnostic, in plan: ProgramPlan, program: ProgramGenerator.Program, source: String) -> Int? {
        if d.file == plan.chapter.displayPath {
            return plan.cells.first { $0.code.openLine <= d.line && d.line <= $0.code.closeLine }?.index
                ?? plan.cells.last { $0.code.openLine <= d.line }?.index
        }
        if d.file == source || Paths.fileName(of: d.file) == "main.swift" {
            return program.cell(atGeneratedLine: d.line)
        }
        return nil
    }

    /// An error on the generated glue (e.g. "expected '}'") is shown at the cell's closing fence.
    private func relocate(_ d: Diagnostic, program: ProgramGenerator.Program, plan: ProgramPlan, source: String) -> Diagnostic {
        guard d.file != plan.chapter.displayPath, let index = program.cell(atGeneratedLine: d.line),
            let cell = plan.cells.first(where: { $0.index == index })
        else { return d }
        return Self.atClosingFence(d, of: cell, in: plan)
    }

    /// `d` moved to `cell`'s closing fence in the chapter, marked as coming from generated glue.
    private static func atClosingFence(_ d: Diagnostic, of cell: Cell, in plan: ProgramPlan) -> Diagnostic {
        var moved = d
        moved.file = plan.chapter.displayPath
        moved.line = cell.code.closeLine
        moved.column = 1
        moved.message += " (in the code generated around this cell: check its braces)"
        moved.detail = []
        return moved
    }
}
