import Foundation
import Testing
@testable import NNFSBook

/// A chapter whose one cell appends a line to `log` each time it really runs, and prints `shown`.
private func countingChapter(log: String, shown: String = "42", expected: String = "42", timeout: String = "") -> String {
    """
    # Counting runs

    ```swift\(timeout)
    import Foundation
    let log = "\(log)"
    let before = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    try! (before + "ran\\n").write(toFile: log, atomically: true, encoding: .utf8)
    print(\(shown))
    ```

    ```output
    \(expected)
    ```
    """
}

private func runs(_ log: String) -> Int { read(log).split(separator: "\n").count }

/// A session on this repository's core with the cache in `cache`.
private func session(
    cache: String, useCache: Bool = true, update: Bool = false, jobs: Int = 1,
    print: @escaping (String) -> Void = { _ in }
) -> BookSession {
    var s = BookSession(
        options: RunOptions(update: update, root: packageRoot), reportDirectory: nil,
        jobs: jobs, useCache: useCache, print: print)
    s.cacheDirectory = cache
    return s
}

private func entries(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".entry") }.sorted()
}

@Suite("Result cache")
struct ResultCacheTests {
    @Test func secondRunComesFromTheCacheAndIsJudgedNow() throws {
        let dir = try makeTempDirectory()
        let log = dir + "/runs.txt", cache = dir + "/cache"
        let path = dir + "/01-count.md"
        try AtomicFile.write(countingChapter(log: log), to: path)

        let first = session(cache: cache).run([path])[0]
        #expect(first.cachedRun == nil)
        #expect(first.statuses == [.passed])
        #expect(runs(log) == 1)
        #expect(entries(cache).count == 1)

        var lines: [String] = []
        let second = session(cache: cache, print: { lines.append($0) }).run([path])[0]
        #expect(second.cachedRun != nil)
        #expect(second.statuses == [.passed])
        #expect(second.cells[0].actual == "42\n")
        #expect(runs(log) == 1, "the cell ran again")
        #expect(lines.contains { $0.contains("(from the cache)") })
        #expect(lines.contains("1 of 1 chapter from the cache (outputs of an earlier identical run, judged now; --no-cache reruns)"))

        // A new expected block is not in the key: the stored output is judged against it.
        try AtomicFile.write(countingChapter(log: log, expected: "43"), to: path)
        let rejudged = session(cache: cache).run([path])[0]
        #expect(rejudged.cachedRun != nil)
        #expect(rejudged.statuses == [.failed])
        #expect(runs(log) == 1)
    }

    @Test func changedCodeOrTimeoutMissesTheCache() throws {
        let dir = try makeTempDirectory()
        let log = dir + "/runs.txt", cache = dir + "/cache"
        let path = dir + "/01-count.md"
        try AtomicFile.write(countingChapter(log: log), to: path)
        _ = session(cache: cache).run([path])
        try AtomicFile.write(countingChapter(log: log, shown: "40 + 2"), to: path)
        let code = session(cache: cache).run([path])[0]
        #expect(code.cachedRun == nil)
        #expect(code.statuses == [.passed])
        #expect(runs(log) == 2)
        try AtomicFile.write(countingChapter(log: log, shown: "40 + 2", timeout: " timeout=60"), to: path)
        let timeout = session(cache: cache).run([path])[0]
        #expect(timeout.cachedRun == nil)
        #expect(runs(log) == 3)
        #expect(entries(cache).count == 3)
    }

    @Test func noCacheAndUpdateNeverReadTheCache() throws {
        let dir = try makeTempDirectory()
        let log = dir + "/runs.txt", cache = dir + "/cache"
        let path = dir + "/01-count.md"
        try AtomicFile.write(countingChapter(log: log), to: path)
        _ = session(cache: cache).run([path])
        #expect(runs(log) == 1)
        let forced = session(cache: cache, useCache: false).run([path])[0]
        #expect(forced.cachedRun == nil)
        #expect(runs(log) == 2)
        let updated = session(cache: cache, update: true).run([path])[0]
        #expect(updated.cachedRun == nil)
        #expect(runs(log) == 3)
        #expect(session(cache: cache).run([path])[0].cachedRun != nil)
        #expect(runs(log) == 3)
    }

    @Test func corruptOrHalfWrittenEntriesAreIgnored() throws {
        let dir = try makeTempDirectory()
        let log = dir + "/runs.txt", cache = dir + "/cache"
        let path = dir + "/01-count.md"
        try AtomicFile.write(countingChapter(log: log), to: path)
        _ = session(cache: cache).run([path])
        let entry = cache + "/" + entries(cache)[0]
        let good = Array(FileManager.default.contents(atPath: entry)!)
        // The stored output "42\n" changed to "43\n" without fixing the checksum.
        let body = String(decoding: good, as: UTF8.self)
        #expect(body.contains(#""output":"42\n""#))
        try AtomicFile.write(body.replacingOccurrences(of: #""output":"42\n""#, with: #""output":"43\n""#), to: entry)
        let tampered = session(cache: cache).run([path])[0]
        #expect(tampered.cachedRun == nil)
        #expect(tampered.statuses == [.passed])
        #expect(runs(log) == 2)
        // The rerun stored a good entry again; cut it in half.
        let rewritten = Array(FileManager.default.contents(atPath: entry)!)
        #expect(String(decoding: rewritten, as: UTF8.self).contains(#""output":"42\n""#))
        try AtomicFile.write(Array(rewritten.prefix(rewritten.count / 2)), to: entry)
        #expect(session(cache: cache).run([path])[0].cachedRun == nil)
        #expect(runs(log) == 3)
        #expect(session(cache: cache).run([path])[0].cachedRun != nil)
        #expect(runs(log) == 3)
    }

    @Test func everyEnvironmentPartIsInTheKey() throws {
        // Every variant is written to the same path (the path is part of the program).
        let path = try writeChapter(countingChapter(log: "/dev/null"))
        func load(_ markdown: String) throws -> Chapter {
            try AtomicFile.write(markdown, to: path)
            return try ChapterParser.load(path: path)
        }
        let chapter = try load(countingChapter(log: "/dev/null"))
        let base = ResultCache.Environment(
            toolchain: "Swift 6.3", runner: "/bin/nnfs-book 10 1.0", core: "abc",
            systemLibraries: "openblas=/lib/libopenblas.so 5 1.0", machine: "cpu")
        let cache = ResultCache(directory: try makeTempDirectory(), environment: base)
        let part = cache.chapterKey(for: ProgramPlan(chapter: chapter), outputCap: 100)
        let key = cache.key(for: part)
        var changed: [ResultCache.Environment] = []
        for keyPath in [\ResultCache.Environment.toolchain, \.runner, \.core, \.systemLibraries, \.machine] {
            var e = base
            e[keyPath: keyPath] += "!"
            changed.append(e)
        }
        let keys = changed.map { ResultCache(directory: cache.directory, environment: $0).key(for: part) }
        #expect(Set(keys + [key]).count == 6)
        // And the chapter's part: the output cap, a cell's code, a cell's time limit.
        #expect(cache.key(for: cache.chapterKey(for: ProgramPlan(chapter: chapter), outputCap: 101)) != key)
        let other = try load(countingChapter(log: "/dev/null", shown: "7"))
        #expect(cache.key(for: cache.chapterKey(for: ProgramPlan(chapter: other), outputCap: 100)) != key)
        let slow = try load(countingChapter(log: "/dev/null", timeout: " timeout=9"))
        #expect(cache.key(for: cache.chapterKey(for: ProgramPlan(chapter: slow), outputCap: 100)) != key)
        // The expected block is not (it is judged on every run).
        let expected = try load(countingChapter(log: "/dev/null", expected: "9"))
        #expect(
            cache.key(for: cache.chapterKey(for: ProgramPlan(chapter: try load(countingChapter(log: "/dev/null"))), outputCap: 100)) == key)
        #expect(cache.key(for: cache.chapterKey(for: ProgramPlan(chapter: expected), outputCap: 100)) == key)
    }

    @Test func entryFromAnotherEnvironmentIsNotFound() throws {
        let path = try writeChapter(countingChapter(log: "/dev/null"))
        let plan = ProgramPlan(chapter: try ChapterParser.load(path: path))
        let dir = try makeTempDirectory()
        let a = ResultCache(directory: dir, environment: .init(toolchain: "a", runner: "r", core: "c", systemLibraries: "s", machine: "m"))
        var envB = a.environment
        envB.core = "changed"
        let b = ResultCache(directory: dir, environment: envB)
        var execution = ChapterExecution()
        var run = ChapterExecution.CellRun()
        run.output = "42\n"; run.began = true; run.ended = true; run.seconds = 0.5
        run.figures = [CellFigure(svg: "<svg/>", data: "x=[1]", alt: "a line")]
        execution.cells[1] = run
        let compiled = ChapterCompiler.Outcome(executable: nil, plan: plan, failedCell: nil, errors: [], programError: nil, seconds: 1)
        let keyA = a.key(for: a.chapterKey(for: plan, outputCap: 10))
        let entry = try #require(ResultCache.Entry(key: keyA, compiled: compiled, execution: execution))
        #expect(a.store(entry))
        #expect(a.load(key: keyA) == entry)
        #expect(a.load(key: keyA)?.execution.cells[1] == run)
        #expect(b.load(key: b.key(for: b.chapterKey(for: plan, outputCap: 10))) == nil)
        // An entry moved to another key's name is not trusted either.
        let keyB = b.key(for: b.chapterKey(for: plan, outputCap: 10))
        try FileManager.default.copyItem(atPath: a.path(forKey: keyA), toPath: b.path(forKey: keyB))
        #expect(b.load(key: keyB) == nil)
        // Runs that did not end cleanly are never stored.
        var crashed = execution
        crashed.ending = .timedOut(cell: 1, limit: 1)
        #expect(ResultCache.Entry(key: keyA, compiled: compiled, execution: crashed) == nil)
        var problem = execution
        problem.problems = ["markers disagree"]
        #expect(ResultCache.Entry(key: keyA, compiled: compiled, execution: problem) == nil)
    }

    @Test func coreDigestFollowsTheCoreSourcesOnly() throws {
        let root = try makeTempDirectory()
        try AtomicFile.write("// swift-tools-version: 6.0\n", to: root + "/Package.swift")
        try AtomicFile.write("let a = 1\n", to: root + "/Sources/NNFS/Tensor/A.swift")
        try AtomicFile.write("module CX [system] {\n    link \"m\"\n}\n", to: root + "/Sources/CX/module.modulemap")
        try AtomicFile.write("let runner = 1\n", to: root + "/Sources/NNFSBook/R.swift")
        let digest = ResultCache.Environment.coreDigest(root: root)
        try AtomicFile.write("let runner = 2\n", to: root + "/Sources/NNFSBook/R.swift")
        #expect(ResultCache.Environment.coreDigest(root: root) == digest)
        try AtomicFile.write("let a = 2\n", to: root + "/Sources/NNFS/Tensor/A.swift")
        let edited = ResultCache.Environment.coreDigest(root: root)
        #expect(edited != digest)
        try AtomicFile.write("module CX [system] {\n    link \"z\"\n}\n", to: root + "/Sources/CX/module.modulemap")
        #expect(ResultCache.Environment.coreDigest(root: root) != edited)
        #expect(ResultCache.Environment.systemLibraries(root: root).hasPrefix("z="))
        // The memoised digest follows an edit too (the file's size and time change).
        let memo = try makeTempDirectory()
        let first = ResultCache.Environment.coreDigest(root: root, memo: memo)
        #expect(first == ResultCache.Environment.coreDigest(root: root))
        #expect(ResultCache.Environment.coreDigest(root: root, memo: memo) == first)
        try AtomicFile.write("let a = 33\n", to: root + "/Sources/NNFS/Tensor/A.swift")
        #expect(ResultCache.Environment.coreDigest(root: root, memo: memo) == ResultCache.Environment.coreDigest(root: root))
        #expect(ResultCache.Environment.coreDigest(root: root, memo: memo) != first)
    }

    @Test func machinePartHoldsTheNumericEnvironment() {
        let base = ResultCache.Environment.machine(["PATH": "/bin", "NNFS_BOOK_RUN": "1"])
        #expect(ResultCache.Environment.machine(["PATH": "/usr/bin", "NNFS_BOOK_RUN": "2"]) == base)
        #expect(ResultCache.Environment.machine(["NNFS_BLAS_THREADS": "2"]) != base)
        #expect(ResultCache.Environment.machine(["OPENBLAS_CORETYPE": "Haswell"]) != base)
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
