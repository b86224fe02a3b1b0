import Foundation

/// The terminal report: per chapter and per cell, status and time; then a total line.
public enum ConsoleReport {
    public static func chapter(_ r: ChapterResult) -> String {
        var out: [String] = []
        for e in r.errors { out.append(indent(e, by: "  ")) }
        for c in r.cells where c.status != .notSelected {
            var line = "  " + badge(c).padding(toLength: 5, withPad: " ", startingAt: 0) + " cell \(c.index)"
            line = line.padding(toLength: max(17, line.count + 2), withPad: " ", startingAt: 0)
            line += label(c)
            if let s = c.seconds { line += "  " + time(s) }
            out.append(line)
            for m in c.messages { out.append(indent(m, by: "        ")) }
            for n in c.notes where c.status == .failed || c.status == .passed && n.hasPrefix("kept") { out.append(indent(n, by: "        ")) }
        }
        for l in r.updateLog { out.append("  " + l) }
        out.append("  " + summary(r))
        return out.joined(separator: "\n")
    }

    public static func summary(_ r: ChapterResult) -> String {
        var parts = ["\(r.passedCount) passed" + (r.count(.updated) > 0 ? " (\(r.count(.updated)) updated)" : ""), "\(r.failedCount) failed"]
        if r.count(.skipped) > 0 { parts.append("\(r.count(.skipped)) skipped") }
        if r.count(.notRun) > 0 { parts.append("\(r.count(.notRun)) not run") }
        if !r.errors.isEmpty { parts.append("\(r.errors.count) chapter error\(r.errors.count == 1 ? "" : "s")") }
        return "\(r.failed ? "FAIL" : "ok")  \(r.path): " + parts.joined(separator: ", ")
            + (r.cachedRun != nil ? " (from the cache)" : " (compile \(time(r.compileSeconds)), run \(time(r.runSeconds)))")
    }

    /// The closing lines: chapters and time, then `nnfs-book: N passed, N failed[, N skipped]`.
    public static func total(_ results: [ChapterResult], seconds: Double) -> String {
        let passed = results.reduce(0) { $0 + $1.passedCount }
        let failed = results.reduce(0) { $0 + $1.failedCount + ($1.errors.isEmpty ? 0 : 1) }
        let skipped = results.reduce(0) { $0 + $1.count(.skipped) }
        let notRun = results.reduce(0) { $0 + $1.count(.notRun) }
        let failedChapters = results.filter(\.failed).count
        var first = "Total: \(results.count) chapter\(results.count == 1 ? "" : "s")"
        if failedChapters > 0 { first += " (\(failedChapters) failing)" }
        if notRun > 0 { first += ", \(notRun) cell\(notRun == 1 ? "" : "s") not run" }
        first += " in \(time(seconds))"
        return first + "\nnnfs-book: \(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }

    static func badge(_ c: CellResult) -> String {
        switch c.status {
        case .passed: return "PASS"
        case .updated: return "UPD"
        case .failed: return "FAIL"
        case .skipped: return "SKIP"
        case .notRun: return "----"
        case .ranForState: return "ran"
        case .notSelected: return ""
        }
    }

    static func label(_ c: CellResult) -> String {
        switch c.status {
        case .failed: return c.failure?.rawValue ?? "failed"
        case .skipped: return c.cell.options.skipReason.map { "skipped: \($0)" } ?? "skipped"
        case .notRun: return c.notes.first ?? "not run"
        case .ranForState: return "ran for state"
        case .updated: return "updated"
        case .passed: return c.cell.options.global ? "passed (global)" : "passed"
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
