import Foundation

/// Runs several chapters in order, printing the console report as it goes and writing the
/// reports at the end (HTML, and with `--junit`/`--json` JUnit XML and JSON). The CLI's `run` and
/// `verify` are thin wrappers around this.
public struct BookSession {
    public var options: RunOptions
    /// `--output DIR`; nil for `--no-report`.
    public var reportDirectory: String?
    /// `--junit FILE`
    public var junitPath: String?
    /// `--json FILE`
    public var jsonPath: String?
    /// Number chapters `[i/n]` as they start (verify's progress).
    public var showProgress = false
    public var print: (String) -> Void

    public init(options: RunOptions, reportDirectory: String?, junitPath: String? = nil, jsonPath: String? = nil,
                showProgress: Bool = false, print: @escaping (String) -> Void = { Swift.print($0) }) {
        self.options = options
        self.reportDirectory = reportDirectory
        self.junitPath = junitPath
        self.jsonPath = jsonPath
        self.showProgress = showProgress
        self.print = print
    }

    /// What a session did: the chapters' results and the reports that could not be written.
    public struct Outcome {
        public var results: [ChapterResult]
        /// Plain messages, one per report that could not be written (the run fails).
        public var reportErrors: [String]
        public var failed: Bool { !reportErrors.isEmpty || results.contains(where: \.failed) }
    }

    /// Runs `paths`; returns the results (check `.failed` on each).
    public func run(_ paths: [String]) -> [ChapterResult] { runAll(paths).results }

    public func runAll(_ paths: [String]) -> Outcome {
        let start = Date()
        var results: [ChapterResult] = []
        for (i, path) in paths.enumerated() {
            print(showProgress ? "[\(i + 1)/\(paths.count)] \(path)" : path)
            let r = BookRunner.run(chapterAt: path, options: options)
            print(ConsoleReport.chapter(r, fullDiff: options.fullDiff))
            results.append(r)
        }
        let seconds = Date().timeIntervalSince(start)
        var reportErrors: [String] = []
        func attempt(_ what: String, _ body: () throws -> String) {
            do {
                print("\(what): \(Paths.display(try body()))")
            } catch {
                let reason = (error as? RunnerError)?.description ?? (error as NSError).localizedFailureReason ?? "\(error)"
                reportErrors.append("nnfs-book: error: could not write the \(what.lowercased()): \(reason)")
            }
        }
        if let dir = reportDirectory {
            attempt("Report") { try HTMLReport.write(results, to: dir, seconds: seconds) }
        }
        if let path = junitPath {
            attempt("JUnit XML") { try AtomicFile.write(JUnitReport.render(results, seconds: seconds), to: Paths.absolute(path)); return Paths.absolute(path) }
        }
        if let path = jsonPath {
            attempt("JSON results") { try AtomicFile.write(JSONResults.render(results, seconds: seconds), to: Paths.absolute(path)); return Paths.absolute(path) }
        }
        reportErrors.forEach(print)
        print(ConsoleReport.total(results, seconds: seconds))
        return Outcome(results: results, reportErrors: reportErrors)
    }
}
