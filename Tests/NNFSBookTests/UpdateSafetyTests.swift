import Foundation
import Testing
@testable import NNFSBook

/// `--update` loses nothing: edits saved during the run, symlinks, modes; killed runs leave
/// nothing behind (issue 10).
@Suite("Update safety")
struct UpdateSafetyTests {
    @Test func updateRefusesWhenTheChapterChangedDuringTheRun() throws {
        let path = try writeChapter("""
            ```swift
            import Foundation
            let h = FileHandle(forWritingAtPath: "CHAPTER")!
            h.seekToEndOfFile()
            h.write("\\nAn edit saved while the chapter ran.\\n".data(using: .utf8)!)
            print("new output")
            ```
            """)
        try AtomicFile.write(read(path).replacingOccurrences(of: "CHAPTER", with: path), to: path)
        let r = runChapter(path, update: true)
        #expect(r.errors.count == 1)
        #expect(r.errors.first?.contains("changed on disk while nnfs-book was running; nothing was written") == true)
        #expect(read(path).hasSuffix("An edit saved while the chapter ran.\n"))
        #expect(!read(path).contains("output ours"))
    }

    @Test func updateWritesThroughASymlinkAndKeepsTheMode() throws {
        let dir = try makeTempDirectory()
        let real = dir + "/real.md"
        try AtomicFile.write("```swift\nprint(\"hi\")\n```\n", to: real)
        chmod(real, 0o600)
        let link = dir + "/link.md"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.md")
        let r = runChapter(link, update: true)
        #expect(r.statuses == [.updated])
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(read(real).contains("```output ours\nhi\n```"))
        var st = stat()
        stat(real, &st)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    /// Temporaries and work folders of a killed run (its pid gone) are removed by the next run;
    /// an atomic write leaves no temporary of its own.
    @Test func leftoversOfKilledRunsAreCleaned() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/ch.md"
        try AtomicFile.write("```swift\nprint(1)\n```\n\n```output\n1\n```\n", to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ch.md"])
        let deadPID = 4_194_000  // above any default pid_max in use here
        let staleTemp = dir + "/.ch.md.\(deadPID).12345.tmp"
        try AtomicFile.write("half", to: staleTemp)
        let liveTemp = dir + "/.ch.md.\(getpid()).999.tmp"
        try AtomicFile.write("in use", to: liveTemp)
        let work = packageRoot + "/.build-book/ch.\(deadPID).AbCdEf"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let r = runChapter(path)
        #expect(r.statuses == [.passed])
        #expect(!FileManager.default.fileExists(atPath: staleTemp))
        #expect(FileManager.default.fileExists(atPath: liveTemp))
        #expect(!FileManager.default.fileExists(atPath: work))
    }
}
