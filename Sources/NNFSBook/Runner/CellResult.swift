import Foundation

/// What happened to one cell.
public struct CellResult: Sendable {
    public enum Status: String, Sendable, Equatable {
        case passed
        /// `--update` wrote this cell's output block or snapshot; counts as passed.
        case updated
        case failed
        case skipped
        /// Not run because an earlier cell failed to compile, crashed or timed out.
        case notRun = "not run"
        /// Run only to set up state for the `--cell` being checked; not compared.
        case ranForState = "ran"
        /// After the `--cell` being checked: not part of this run.
        case notSelected = "not selected"

        public var isFailure: Bool { self == .failed }
    }

    /// Why a cell failed.
    public enum Failure: String, Sendable {
        case output = "output differs"
        case noOutputBlock = "unexpected output"
        case snapshot = "snapshot differs"
        case compile = "compile error"
        case crash = "crashed"
        case timeout = "timed out"
    }

    public var cell: Cell
    public var status: Status
    public var failure: Failure?
    /// Human-readable problems, each starting with `file:line:` where one applies.
    public var messages: [String] = []
    /// Notes that are not failures (why skipped/not run, "kept book output ...").
    public var notes: [String] = []
    /// The cell's run time (measured inside the program), when it ran.
    public var seconds: Double?
    /// What the cell printed (nil if it never ran).
    public var actual: String?
    /// The stored snapshot of our output, for `tolerance` cells.
    public var snapshot: String?
    /// Differences from the expected block (for highlighting in the report).
    public var mismatches: [OutputMismatch] = []
    /// Differences from the snapshot.
    public var snapshotMismatches: [OutputMismatch] = []
    public var compileErrors: [Diagnostic] = []
    public var crash: CrashReport?
    /// Figures the cell drew, in order.
    public var figures: [CellFigure] = []

    public var index: Int { cell.index }
}

/// What happened to one chapter.
public struct ChapterResult: Sendable {
    public var path: String
    /// nil when the chapter could not be parsed.
    public var chapter: Chapter?
    public var cells: [CellResult] = []
    /// Problems not tied to one cell: parse errors, a program that did not link, output
    /// printed outside any cell.
    public var errors: [String] = []
    /// `--update` notes and the diff of what it changed.
    public var updateLog: [String] = []
    public var compileSeconds: Double = 0
    public var runSeconds: Double = 0
    public var totalSeconds: Double = 0

    public var failed: Bool { !errors.isEmpty || cells.contains { $0.status.isFailure } }
    public func count(_ status: CellResult.Status) -> Int { cells.filter { $0.status == status }.count }
    public var passedCount: Int { count(.passed) + count(.updated) }
    public var failedCount: Int { count(.failed) }

    public var name: String { chapter?.stem ?? Paths.fileName(of: path).replacingOccurrences(of: ".md", with: "") }
}
