import ArgumentParser
import Foundation
import NNFSBook

/// Flags shared by `run` and `verify`.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Bless outputs: add missing output blocks (as `output ours`), rewrite `output ours` blocks, refresh tolerance snapshots. Never rewrites the book's output.")
    var update = false

    @Flag(help: "Compare experiments instead of failing them: an edited cell (or one after it) whose output moved from the book's shows the book beside ours and a summary. Fails only when a cell crashes, times out or does not compile.")
    var explore = false

    @Flag(help: "List every differing line (by default a diff shows a few, then how many more differ).")
    var fullDiff = false

    @Option(help: "Only chapters whose file name contains this substring.")
    var filter: String?

    @Option(help: "Check (or update) only cell N; earlier cells still run for their state.")
    var cell: Int?

    @Option(help: "Directory for the HTML report.")
    var output = "output"

    @Flag(help: "Do not write the HTML report.")
    var noReport = false

    @Option(help: ArgumentHelp("Also write the results as JUnit XML (a testcase per cell) to FILE.", valueName: "FILE"))
    var junit: String?

    @Option(help: ArgumentHelp("Also write the whole result as JSON (schema: docs/results-json.md) to FILE.", valueName: "FILE"))
    var json: String?

    func validate() throws {
        if let n = cell, n < 1 { throw ValidationError("--cell takes a cell number from 1") }
        if explore && update { throw ValidationError("--explore compares experiments and --update publishes them: use one") }
    }

    /// Runs `paths` and exits non-zero on any failure.
    func run(_ paths: [String], showProgress: Bool) throws {
        var paths = paths
        if let f = filter { paths = paths.filter { $0.split(separator: "/").last.map(String.init)?.contains(f) ?? false } }
        if paths.isEmpty {
            print("nnfs-book: no chapter matches" + (filter.map { " --filter \($0)" } ?? ""))
            throw ExitCode.failure
        }
        let env = ProcessInfo.processInfo.environment
        var options = RunOptions(update: update, cell: cell, keepWork: env["NNFS_BOOK_KEEP_WORK"] == "1",
                                 progress: { line in
                                     FileHandle.standardError.write(Data((line + "\n").utf8))
                                 })
        // Unbuffered, so progress shows as it happens even when piped.
        options.explore = explore
        options.fullDiff = fullDiff
        let session = BookSession(options: options, reportDirectory: noReport ? nil : output, junitPath: junit, jsonPath: json,
                                  showProgress: showProgress,
                                  print: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        if session.runAll(paths).failed { throw ExitCode.failure }
    }
}
