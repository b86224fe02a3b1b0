import Foundation
import Testing
@testable import NNFSBook

@Suite("Parallel verify and shards")
struct ParallelVerifyTests {
    /// With two jobs the first chapter (the slow one) finishes last, yet the console and the
    /// results stay in chapter order.
    @Test func twoJobsKeepChapterOrder() throws {
        let dir = try makeTempDirectory()
        let gate = dir + "/second-done"
        func chapter(_ body: String, prints: String) -> String {
            "# C\n\n```swift\nimport Foundation\n\(body)\nprint(\"\(prints)\")\n```\n\n```output\n\(prints)\n```\n"
        }
        // Chapter a waits until chapter b has run: it cannot finish first.
        let a = dir + "/a.md", b = dir + "/b.md", c = dir + "/c.md"
        try AtomicFile.write(chapter("while !FileManager.default.fileExists(atPath: \"\(gate)\") { usleep(20_000) }", prints: "a"), to: a)
        try AtomicFile.write(chapter("FileManager.default.createFile(atPath: \"\(gate)\", contents: nil)", prints: "b"), to: b)
        try AtomicFile.write(chapter("", prints: "c"), to: c)
        let lines = LockedLines()
        let session = BookSession(
            options: RunOptions(root: packageRoot), reportDirectory: nil, showProgress: true,
            jobs: 2, print: { lines.append($0) })
        let results = session.run([a, b, c])
        #expect(results.map(\.name) == ["a", "b", "c"])
        #expect(results.map(\.statuses) == [[.passed], [.passed], [.passed]])
        let headers = lines.all.filter { $0.hasPrefix("[") }
        #expect(headers == ["[1/3] \(a)", "[2/3] \(b)", "[3/3] \(c)"])
        let summaries = lines.all.flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") }.map {
                Paths.fileName(of: String($0.split(separator: ":")[0].split(separator: " ").last!))
            }
        #expect(summaries == ["a.md", "b.md", "c.md"])
        // Each chapter's report comes right after its header.
        let all = lines.all
        for (i, h) in headers.enumerated() {
            let at = try #require(all.firstIndex(of: h))
            #expect(all[at + 1].contains(["a.md", "b.md", "c.md"][i]))
        }
    }

    @Test func shardsCoverEveryChapterExactlyOnce() throws {
        let chapters = (1...22).map { String(format: "chapters/%02d-x.md", $0) }
        for n in 1...6 {
            let shards = try (1...n).map { try Shard(index: $0, count: n).select(chapters.shuffled()) }
            #expect(shards.flatMap { $0 }.sorted() == chapters)
            #expect(Set(shards.flatMap { $0 }).count == chapters.count)
            for s in shards { #expect(s == s.sorted()) }
            // Dealt out in turn: sizes differ by at most one.
            #expect(shards.map(\.count).max()! - shards.map(\.count).min()! <= 1)
        }
        #expect(try Shard(parsing: "2/3").select(chapters).prefix(3) == ["chapters/02-x.md", "chapters/05-x.md", "chapters/08-x.md"])
        #expect(try Shard(parsing: "3/3") == Shard(index: 3, count: 3))
        for bad in ["0/3", "4/3", "1/0", "2", "a/b", "1/2/3", "-1/2"] {
            #expect(throws: RunnerError.self) { try Shard(parsing: bad) }
        }
    }
}
