/// The one place a cell's ``CellResult/Outcome`` is decided.
public enum CellOutcome {
    /// How far the cell got, from the compile result and the execution.
    public enum Stage: Sendable, Equatable {
        /// After the `--cell` being checked.
        case notSelected
        case skipped(reason: String)
        case compileFailed
        /// Compiled but not run, or not compiled, because of `reason`.
        case notRun(reason: String)
        /// A `global` cell that compiled (it declares; it does not run).
        case global
        case timedOut
        case crashed
        /// Ran to its end; `failures` is the judgement (empty: all checks passed), most
        /// important first.
        case finished(failures: [CellResult.Failure])
    }

    /// The evidence the outcome is decided from.
    public struct Evidence: Sendable, Equatable {
        public var stage: Stage
        /// Run only for the state of a later `--cell`: comparisons do not count.
        public var forStateOnly = false
        /// The failures `--update` resolved (it wrote the block or snapshot they were about).
        public var resolvedByUpdate: Set<CellResult.Failure> = []
        /// The cell's code differs from the published chapter, or (under `--explore`) an edited
        /// cell ran before it.
        public var experiment = false
        /// `--explore`: an experiment's comparison failures make it an experiment, not a failure.
        public var explore = false
    }

    public static func decide(_ e: Evidence) -> CellResult.Outcome {
        switch e.stage {
        case .notSelected: return .notSelected
        case .skipped(let reason): return .skipped(reason: reason)
        case .compileFailed: return .failed(.compile)
        case .notRun(let reason): return .notRun(reason: reason)
        case .global: return .passed
        case .timedOut: return .failed(.timeout)
        case .crashed: return .failed(.crash)
        case .finished(let failures):
            if e.forStateOnly {
                return failures.first { !$0.isComparison }.map { .failed($0) } ?? .ranForState
            }
            if failures.isEmpty { return .passed }
            let left = failures.filter { !e.resolvedByUpdate.contains($0) }
            if e.explore, e.experiment, !left.isEmpty, left.allSatisfy(\.isComparison) { return .experiment }
            return left.first.map { .failed($0) } ?? .updated
        }
    }

    /// The outcome a hand-built result (`status` + `failure`) stands for.
    static func outcome(status: CellResult.Status, failure: CellResult.Failure?, cell: Cell) -> CellResult.Outcome {
        switch status {
        case .passed: return .passed
        case .updated: return .updated
        case .failed: return .failed(failure ?? .output)
        case .experiment: return .experiment
        case .skipped: return .skipped(reason: cell.options.skipReason ?? "")
        case .notRun: return .notRun(reason: "")
        case .ranForState: return .ranForState
        case .notSelected: return .notSelected
        }
    }
}
