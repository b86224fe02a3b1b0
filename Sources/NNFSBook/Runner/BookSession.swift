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
    /// `--jobs N`: how many chapters run side by side (console and reports stay in chapter order).
    public var jobs = 1
    /// Read and fill the execution cache in `<root>/.build-book/cache` (the CLI's default;
    /// `--no-cache` turns it off). Off here by default, so library callers and tests really run.
    /// `--update` never reads it.
    public var useCache = false
    /// The cache folder when not the default (tests).
    public var cacheDirectory: String?
    public var print: (String) -> Void

    public init(
        options: RunOptions, reportDirectory: String?, junitPath: String? = nil, jsonPath: String? = nil,
        showProgress: Bool = false, jobs: Int = 1, useCache: Bool = false,
        print: @escaping (String) -> Void = { Swift.print($0) }
    ) {
        self.jobs = max(1, jobs)
        self.useCache = useCache
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
        var options = self.options
        var setupErrors: [String] = []
        if useCache || jobs > 1, !paths.isEmpty, let root = try? options.root ?? PackageRoot.find(startingAt: paths) {
            options.root = root
            if useCache {
                // With `--update` the cache is only filled (BookRunner never reads it then).
                do {
                    let dir = cacheDirectory ?? ResultCache.defaultDirectory(root: root)
                    options.cache = ResultCache(directory: dir, environment: try .current(root: root, memo: dir))
                } catch {
                    setupErrors.append("nnfs-book: warning: running without the cache: \(error)")
                }
            }
        }
        setupErrors.forEach(print)
        let results = jobs > 1 && paths.count > 1 ? runParallel(paths, options: options) : runSerial(paths, options: options)
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
            attempt("JUnit XML") {
                try AtomicFile.write(JUnitReport.render(results, seconds: seconds), to: Paths.absolute(path)); return Paths.absolute(path)
            }
        }
        if let path = jsonPath {
            attempt("JSON results") {
                try AtomicFile.write(JSONResults.render(results, seconds: seconds), to: Paths.absolute(path)); return Paths.absolute(path)
            }
        }
        reportErrors.forEach(print)
        let cached = results.filter { $0.cachedRun != nil }.count
        if cached > 0 {
            print(
                "\(cached) of \(results.count) chapter\(results.count == 1 ? "" : "s") from the cache (outputs of an earlier identical run, judged now; --no-cache reruns)"
            )
        }
        print(ConsoleReport.total(results, seconds: seconds))
        return Outcome(results: results, reportErrors: reportErrors)
    }

    private static func header(_ i: Int, _ count: Int, _ path: String, numbered: Bool) -> String {
        numbered ? "[\(i + 1)/\(count)] \(path)" : path
    }

    private func runSerial(_ paths: [String], options: RunOptions) -> [ChapterResult] {
        var results: [ChapterResult] = []
        for (i, path) in paths.enumerated() {
            print(Self.header(i, paths.count, path, numbered: showProgress))
            let r = BookRunner.run(chapterAt: path, options: options)
            print(ConsoleReport.chapter(r, fullDiff: options.fullDiff))
            results.append(r)
        }
        return results
    }

    /// Runs up to `jobs` chapters at once. The core is built once before any job starts (unless
    /// every chapter may come from the cache, when it is built on the first miss, still once:
    /// ``CoreBuilder`` builds once per process). A chapter's program starts only when a job is
    /// free, and its time limits run from its own start, so waiting for a core never counts
    /// against a cell. Each chapter's console report is printed, in chapter order, as soon as it
    /// and every chapter before it are done.
    private func runParallel(_ paths: [String], options: RunOptions) -> [ChapterResult] {
        if options.cache == nil, let root = options.root {
            _ = try? CoreBuilder.build(root: root, progress: options.progress)  // a failure is reported by each chapter
        }
        let state = ParallelState(count: paths.count, fullDiff: options.fullDiff, print: print)
        let workers = min(jobs, paths.count)
        let numbered = showProgress
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = state.next() {
                var mine = options
                let name = Paths.fileName(of: paths[i])
                let progress = options.progress
                mine.progress = { progress("\(name): " + $0.trimmingCharacters(in: .whitespaces)) }
                let r = BookRunner.run(chapterAt: paths[i], options: mine)
                state.finish(i, r, header: Self.header(i, paths.count, paths[i], numbered: numbered))
            }
        }
        return state.results.map { $0! }
    }
}

/// The shared bookkeeping of a parallel session: the next chapter to start, the results, and the
/// console output released in chapter order.
private final class ParallelState: @unchecked Sendable {
    private let lock = NSLock()
    private var started = 0
    private var printed = 0
    private var headers: [String?]
    private(set) var results: [ChapterResult?]
    private let print: (String) -> Void
    private let fullDiff: Bool

    init(count: Int, fullDiff: Bool, print: @escaping (String) -> Void) {
        self.fullDiff = fullDiff
        results = Array(repeating: nil, count: count)
        headers = Array(repeating: nil, count: count)
        self.print = print
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard started < results.count else { return nil }
        started += 1
        return started - 1
    }

    func finish(_ i: Int, _ r: ChapterResult, header: String) {
        lock.lock()
        defer { lock.unlock() }
        results[i] = r
        headers[i] = header
        while printed < results.count, let done = results[printed] {
            print(headers[printed]!)
            print(ConsoleReport.chapter(done, fullDiff: fullDiff))
            printed += 1
        }
    }
}
