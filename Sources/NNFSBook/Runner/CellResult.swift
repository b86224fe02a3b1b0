/// What happened to one cell.
///
/// The cell's ``outcome`` is decided once, by ``CellOutcome/decide(_:)``, from the compile result,
/// the execution, the options and the judgement; reports only render it. The other fields are the
/// evidence reports show (messages, outputs, mismatches, figures).
public struct CellResult: Sendable {
    /// The cell's outcome: one value, set once.
    public enum Outcome: Sendable, Equatable {
        case passed
        /// `--update` wrote this cell's output block or snapshot; counts as passed.
        case updated
        case failed(Failure)
        /// `--explore`: the cell was edited (or runs after an edited cell) and its output moved
        /// away from the book's; compared, not failed.
        case experiment
        case skipped(reason: String)
        /// Not run because an earlier cell failed to compile, crashed or timed out.
        case notRun(reason: String)
        /// Run only to set up state for the `--cell` being checked; not compared.
        case ranForState
        /// After the `--cell` being checked: not part of this run.
        case notSelected
    }

    /// The outcome's kind, without its payload (what counts and colours use).
    public enum Status: String, Sendable, Equatable {
        case passed
        case updated
        case failed
        case experiment
        case skipped
        case notRun = "not run"
        case ranForState = "ran"
        case notSelected = "not selected"

        public var isFailure: Bool { self == .failed }
    }

    /// Why a cell failed.
    public enum Failure: String, Sendable {
        case output = "output differs"
        case noOutputBlock = "unexpected output"
        case snapshot = "snapshot differs"
        case figure = "figure differs"
        case outputLimit = "too much output"
        /// A side-channel record the runner could not read (a malformed figure).
        case channel = "bad figure record"
        case compile = "compile error"
        case crash = "crashed"
        case timeout = "timed out"

        /// A difference found by comparing what the cell produced (as opposed to the cell not
        /// finishing): what `--update` can resolve and `--cell` ignores for earlier cells.
        public var isComparison: Bool {
            switch self {
            case .output, .noOutputBlock, .snapshot, .figure: return true
            case .outputLimit, .channel, .compile, .crash, .timeout: return false
            }
        }
    }

    public var cell: Cell
    public internal(set) var outcome: Outcome
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
    /// The stored snapshot of each figure's `data`, in order (read before the program ran).
    public var figureSnapshots: [String] = []
    /// How the cell's code differs from the published chapter (nil: as published, or no record).
    public var edit: CellEdit?
    /// For an edited cell, or under `--explore` a cell after one: the one-line summary of how
    /// its output moved from the book's, and the short book-vs-ours view.
    public var exploration: Exploration?

    public var index: Int { cell.index }

    public init(cell: Cell, outcome: Outcome) {
        self.cell = cell
        self.outcome = outcome
    }

    /// For building results by hand (tests, reports): `status` and `failure` give the outcome.
    public init(cell: Cell, status: Status, failure: Failure? = nil, seconds: Double? = nil, actual: String? = nil) {
        self.init(cell: cell, outcome: CellOutcome.outcome(status: status, failure: failure, cell: cell))
        self.seconds = seconds
        self.actual = actual
    }

    /// The outcome's kind.
    public var status: Status {
        switch outcome {
        case .passed: return .passed
        case .updated: return .updated
        case .failed: return .failed
        case .experiment: return .experiment
        case .skipped: return .skipped
        case .notRun: return .notRun
        case .ranForState: return .ranForState
        case .notSelected: return .notSelected
        }
    }

    /// Why the cell failed, when it did.
    public var failure: Failure? {
        if case .failed(let f) = outcome { return f }
        return nil
    }
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
    /// Published cells (1-based) that are no longer in the chapter (see ``PublishedCells``).
    public var deletedCells: [Int] = []
    /// `--update` notes and the diff of what it changed.
    public var updateLog: [String] = []
    public var compileSeconds: Double = 0
    public var runSeconds: Double = 0
    public var totalSeconds: Double = 0

    public var failed: Bool { !errors.isEmpty || cells.contains { $0.status.isFailure } }
    public func count(_ status: CellResult.Status) -> Int { cells.filter { $0.status == status }.count }
    public var passedCount: Int { count(.passed) + count(.updated) }
    public var experimentCount: Int { count(.experiment) }
    public var failedCount: Int { count(.failed) }

    public var name: String { chapter?.stem ?? Paths.fileName(of: path).replacingOccurrences(of: ".md", with: "") }
}
