/// Which cells of a chapter go into its program.
public struct ProgramPlan: Sendable {
    public var chapter: Chapter
    /// Cells that are compiled, in order (skipped cells never are).
    public var cells: [Cell]

    /// The chapter's runnable cells with index `<= lastCell` (all when nil).
    public init(chapter: Chapter, through lastCell: Int? = nil) {
        self.chapter = chapter
        self.cells = chapter.cells.filter { !$0.options.isSkipped && $0.index <= (lastCell ?? Int.max) }
    }

    /// This plan without the cells from `index` on (for compiling the longest prefix that compiles).
    public func dropping(from index: Int) -> ProgramPlan {
        var p = self
        p.cells = cells.filter { $0.index < index }
        return p
    }

    /// Cells that run (and print markers): the non-global ones.
    public var runCells: [Cell] { cells.filter { !$0.options.global } }
}
