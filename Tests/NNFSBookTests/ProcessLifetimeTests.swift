import Foundation
import Testing
@testable import NNFSBook

/// The chapter program, and anything it started, dies with the runner however the runner dies.
/// These run the `nnfs-book` executable built next to the test bundle.
@Suite("Process lifetime", .serialized)
struct ProcessLifetimeTests {
    /// `.build/<triple>/debug/nnfs-book`, beside the test bundle.
    static var cli: String {
        let bundle = Paths.absolute(CommandLine.arguments[0])
        var dir = Paths.directory(of: bundle)
        if dir.hasSuffix(".xctest") || dir.contains(".xctest/") { dir = Paths.directory(of: String(dir[..<dir.range(of: ".xctest")!.upperBound])) }
        return dir + "/nnfs-book"
    }

    static func alive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        // A zombie waiting for a reaper is dead for our purpose.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    @Test(arguments: [SIGKILL, SIGTERM, SIGINT, SIGHUP])
    func chapterProgramDiesWithTheRunner(signal: Int32) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.cli), "build nnfs-book first: \(Self.cli)")
        _ = try CoreBuilder.build(root: packageRoot)  // so the runner below finds the core up to date
        let dir = try makeTempDirectory()
        let pids = dir + "/pids"
        let path = dir + "/ch.md"
        try AtomicFile.write("""
            ```swift timeout=300
            import Foundation
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["300"]
            try! sleeper.run()
            try! "\\(getpid()) \\(sleeper.processIdentifier)".write(toFile: "\(pids)", atomically: true, encoding: .utf8)
            while true { sleep(1) }
            ```
            """, to: path)
        var env = ProcessInfo.processInfo.environment
        env["NNFS_BOOK_ROOT"] = packageRoot
        let runner = try Subprocess(executable: Self.cli, arguments: ["run", path, "--no-report"], workingDirectory: dir, environment: env)
        // Wait for the cell to start (the compile can take a while on a loaded machine).
        var started: [pid_t] = []
        for _ in 0..<1200 where started.isEmpty {
            _ = runner.read(timeout: 0.1)
            if let text = try? String(contentsOfFile: pids, encoding: .utf8) {
                started = text.split(separator: " ").compactMap { pid_t($0) }
            }
        }
        try #require(started.count == 2, "the cell never started")
        #expect(started.allSatisfy(Self.alive))
        kill(runner.pid, signal)
        runner.waitBlocking()
        var gone = false
        for _ in 0..<100 where !gone {
            gone = !started.contains(where: Self.alive)
            if !gone { usleep(100_000) }
        }
        #expect(gone, "still alive after the runner died of signal \(signal): \(started.filter(Self.alive))")
        for p in started where Self.alive(p) { kill(p, SIGKILL) }
    }

    /// A chapter that leaves a background process behind: it is gone when the run returns.
    @Test func backgroundChildrenDoNotOutliveTheRun() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/ch.md"
        try AtomicFile.write("""
            ```swift
            import Foundation
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["300"]
            try! sleeper.run()
            print(sleeper.processIdentifier)
            ```
            """, to: path)
        let r = runChapter(path)
        let pid = try #require(pid_t((r.cells.first?.actual ?? "").trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<50 where !gone {
            gone = !Self.alive(pid)
            if !gone { usleep(100_000) }
        }
        #expect(gone)
        if !gone { kill(pid, SIGKILL) }
    }
}
