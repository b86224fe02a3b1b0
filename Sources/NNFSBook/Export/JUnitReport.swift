import Foundation

/// `--junit FILE`: JUnit XML, the format CI systems show natively (as pytest's `--junitxml`).
/// One `<testsuite>` per chapter, one `<testcase>` per cell (`name="cell K (line L)"`, with `file`
/// and `line` attributes). A failed cell has a `<failure>` whose text holds its `file:line`
/// messages (the diff); a skipped or not-run cell has `<skipped>`; chapter-level problems (parse
/// errors, a program that did not build) are an `<error>` in a testcase named `chapter`.
/// Cells outside a `--cell` selection are left out. See docs/results-json.md.
public enum JUnitReport {
    public static func render(_ results: [ChapterResult], seconds: Double) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for r in results {
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
            let classname = r.name
            if !r.errors.isEmpty {
                counts.tests += 1
                counts.errors += 1
                let text = r.errors.joined(separator: "\n")
                cases.append("    <testcase name=\"chapter\" classname=\(attr(classname)) file=\(attr(r.path)) time=\"0\">\n"
                    + "      <error message=\(attr(firstLine(text))) type=\"chapter error\">\(escape(text))</error>\n    </testcase>")
            }
            for c in r.cells where c.status != .notSelected {
                counts.tests += 1
                var body = ""
                switch c.outcome {
                case .failed(let f):
                    counts.failures += 1
                    let text = c.messages.joined(separator: "\n")
                    body = "      <failure message=\(attr(f.rawValue + (c.messages.first.map { ": " + firstLine($0) } ?? ""))) type=\(attr(f.rawValue))>\(escape(text))</failure>\n"
                case .skipped(let reason):
                    counts.skipped += 1
                    body = "      <skipped message=\(attr("skipped: " + reason))/>\n"
                case .notRun(let reason):
                    counts.skipped += 1
                    body = "      <skipped message=\(attr("not run: " + reason))/>\n"
                case .passed, .updated, .experiment, .ranForState, .notSelected:
                    break
                }
                if let actual = c.actual, !actual.isEmpty { body += "      <system-out>\(escape(actual))</system-out>\n" }
                let open = "    <testcase name=\(attr("cell \(c.index) (line \(c.cell.code.openLine))")) classname=\(attr(classname)) file=\(attr(r.path)) line=\"\(c.cell.code.openLine)\" time=\"\(time(c.seconds ?? 0))\""
                cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body + "    </testcase>")
            }
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
            totals.skipped += counts.skipped
            suites.append("  <testsuite name=\(attr(r.path)) tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" time=\"\(time(r.totalSeconds))\">\n"
                + cases.map { $0 + "\n" }.joined() + "  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"nnfs-book\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\" time=\"\(time(seconds))\">\n"
            + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
    }

    static func time(_ s: Double) -> String { String(format: "%.3f", s) }

    static func firstLine(_ s: String) -> String { String(s.prefix { $0 != "\n" }) }

    static func attr(_ s: String) -> String {
        "\"" + escape(s).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;") + "\""
    }

    /// XML text: markup characters escaped; characters XML 1.0 forbids (most control characters)
    /// shown as `\u{XX}`.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
