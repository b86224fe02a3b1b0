import Foundation

/// Runs several chapters in order, printing the console report as it goes and writing the HTML
/// report at the end. The CLI's `run` and `verify` are thin wrappers around this.
public struct BookSession {
    public var options: RunOptions
    /// `--output DIR`; nil for `--no-report`.
    public var reportDirectory: String?
    /// Number chapters `[i/n]` as they start (verify's progress).
    public var showProgress = false
    public var print: (String) -> Void

    public init(options: RunOptions, reportDirectory: String?, showProgress: Bool = false,
                print: @escaping (String) -> Void = { Swift.print($0) }) {
        self.options = options
        self.reportDirectory = reportDirectory
        self.showProgress = showProgress
        self.print = print
    }

    /// Runs `paths`; returns the results (check `.failed` on each).
    public func run(_ paths: [String]) -> [ChapterResult] {
        let start = Date()
        var results: [ChapterResult] = []
        for (i, path) in paths.enumerated() {
            print(showProgress ? "[\(i + 1)/\(paths.count)] \(path)" : path)
            let r = BookRunner.run(chapterAt: path, options: options)
            print(ConsoleReport.chapter(r))
            results.append(r)
        }
        let seconds = Date().timeIntervalSince(start)
        if let dir = reportDirectory {
            do {
                let written = try HTMLReport.write(results, to: dir, seconds: seconds)
                print("Report: \(Paths.display(written))")
            } catch {
                print("nnfs-book: warning: could not write the HTML report: \(error)")
            }
        }
        print(ConsoleReport.total(results, seconds: seconds))
        return results
    }
}
