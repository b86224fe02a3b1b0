import Foundation

/// The terminal report: per chapter and per cell, status and time; then a total line.
public enum ConsoleReport {
    /// `fullDiff`: list every differing line of an experiment (`--full-diff`).
    public static func chapter(_ r: ChapterResult, fullDiff: Bool = false) -> String {
        var out: [String] = []
        for e in r.errors { out.append(indent(e, by: "  ")) }
        if !r.deletedCells.isEmpty {
            out.append("  published cell\(r.deletedCells.count == 1 ? "" : "s") \(r.deletedCells.map(String.init).joined(separator: ", ")) no longer in the chapter (`nnfs-book restore \(r.path)` puts \(r.deletedCells.count == 1 ? "it" : "them") back)")
        }
        for c in r.cells where c.status != .notSelected {
            var line = "  " + badge(c).padding(toLength: 5, withPad: " ", startingAt: 0) + " cell \(c.index)"
            line = line.padding(toLength: max(17, line.count + 2), withPad: " ", startingAt: 0)
            line += label(c)
            if let s = c.seconds { line += "  " + time(s) }
            out.append(line)
            for m in c.messages { out.append(indent(m, by: "        ")) }
            if c.status == .experiment || (c.status == .passed && c.edit != nil), let x = c.exploration {
                out.append(indent(x.consoleLines(limit: fullDiff ? nil : Exploration.shortLines).joined(separator: "\n"), by: "        "))
            }
            for n in c.notes where c.status == .failed || c.status == .passed && n.hasPrefix("kept") { out.append(indent(n, by: "        ")) }
        }
        for l in r.updateLog { out.append("  " + l) }
        out.append("  " + summary(r))
        return out.joined(separator: "\n")
    }

    public static func summary(_ r: ChapterResult) -> String {
        var parts = ["\(r.passedCount) passed" + (r.count(.updated) > 0 ? " (\(r.count(.updated)) updated)" : ""), "\(r.failedCount) failed"]
        if r.experimentCount > 0 { parts.append("\(r.experimentCount) experiment\(r.experimentCount == 1 ? "" : "s")") }
        if r.count(.skipped) > 0 { parts.append("\(r.count(.skipped)) skipped") }
        if r.count(.notRun) > 0 { parts.append("\(r.count(.notRun)) not run") }
        if !r.errors.isEmpty { parts.append("\(r.errors.count) chapter error\(r.errors.count == 1 ? "" : "s")") }
        return "\(r.failed ? "FAIL" : "ok")  \(r.path): " + parts.joined(separator: ", ")
            + " (compile \(time(r.compileSeconds)), run \(time(r.runSeconds)))"
    }

    /// The closing lines: chapters and time, then `nnfs-book: N passed, N failed[, N skipped]`.
    public static func total(_ results: [ChapterResult], seconds: Double) -> String {
        let passed = results.reduce(0) { $0 + $1.passedCount }
        let failed = results.reduce(0) { $0 + $1.failedCount + ($1.errors.isEmpty ? 0 : 1) }
        let skipped = results.reduce(0) { $0 + $1.count(.skipped) }
        let experiments = results.reduce(0) { $0 + $1.experimentCount }
        let notRun = results.reduce(0) { $0 + $1.count(.notRun) }
        let failedChapters = results.filter(\.failed).count
        var first = "Total: \(results.count) chapter\(results.count == 1 ? "" : "s")"
        if failedChapters > 0 { first += " (\(failedChapters) failing)" }
        if notRun > 0 { first += ", \(notRun) cell\(notRun == 1 ? "" : "s") not run" }
        first += " in \(time(seconds))"
        return first + "\nnnfs-book: \(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
            + (experiments > 0 ? ", \(experiments) experiment\(experiments == 1 ? "" : "s")" : "")
    }

    static func badge(_ c: CellResult) -> String {
        switch c.status {
        case .passed: return "PASS"
        case .updated: return "UPD"
        case .failed: return "FAIL"
        case .experiment: return "EXP"
        case .skipped: return "SKIP"
        case .notRun: return "----"
        case .ranForState: return "ran"
        case .notSelected: return ""
        }
    }

    static func label(_ c: CellResult) -> String {
        switch c.status {
        case .failed: return (c.failure?.rawValue ?? "failed") + (c.edit != nil ? " (edited cell)" : "")
        case .experiment: return c.edit == nil ? "experiment: runs after an edited cell" : c.edit == .new ? "experiment: new cell" : "experiment: edited cell"
        case .skipped: return c.cell.options.skipReason.map { "skipped: \($0)" } ?? "skipped"
        case .notRun: return c.notes.first ?? "not run"
        case .ranForState: return "ran for state"
        case .updated: return "updated"
        case .passed: return c.cell.options.global ? "passed (global)" : c.edit != nil ? "passed (edited cell, same output)" : "passed"
        case .notSelected: return ""
        }
    }

    public static func time(_ s: Double) -> String {
        s < 10 ? String(format: "%.2f s", s) : String(format: "%.1f s", s)
    }

    static func indent(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}
