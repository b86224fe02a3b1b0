/// How to run chapters (what the CLI's flags set).
public struct RunOptions: Sendable {
    /// `--update`: bless outputs (see ``OutputUpdater``).
    public var update = false
    /// `--explore`: an edited cell, and a cell after one, whose output moved from the book's is an
    /// experiment (compared, not failed); only crashes and other failures to finish fail the run.
    public var explore = false
    /// `--full-diff`: list every differing line (by default a diff shows a few, then a count).
    public var fullDiff = false
    /// `--cell N`: check (or update) only cell N; earlier cells run for their state.
    public var cell: Int?
    /// The package root; found from the chapter or the current directory when nil.
    public var root: String?
    /// Where progress lines go (the core build, verify's chapter counter, long-running cells).
    public var progress: @Sendable (String) -> Void = { _ in }
    /// Keep the generated program in `.build-book/` after the run (env `NNFS_BOOK_KEEP_WORK=1`).
    public var keepWork = false
    /// A cell running longer than this many seconds is reported through `progress` this often,
    /// with the last line it printed.
    public var heartbeat: Double = 10
    /// The most bytes one cell may print; past it the middle is cut and the cell fails.
    public var outputCap = ChapterExecution.defaultOutputCap

    public init(update: Bool = false, cell: Int? = nil, root: String? = nil, keepWork: Bool = false,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.update = update
        self.cell = cell
        self.root = root
        self.keepWork = keepWork
        self.progress = progress
    }
}
