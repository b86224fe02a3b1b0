import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import NNFSBook

/// `nnfs-book serve` as a user runs it: the built binary on a loopback port, requests sent raw (so
/// `..` reaches the server unnormalised), a second server on the same port, and a rerun when the
/// chapter changes. Every wait is bounded, and the server is stopped at the end.
@Suite("nnfs-book serve")
struct ServeTests {
    let binary = packageRoot + "/.build/debug/nnfs-book"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: packageRoot + "/.build/debug/nnfs-book"), "build nnfs-book first"))
    func servesTheReportReloadsAndRefusesTraversal() throws {
        let dir = try makeTempDirectory()
        let chapter = dir + "/01-a.md"
        try AtomicFile.write("# Chapter 1: A\n\nOne cell.\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n", to: chapter)
        try AtomicFile.write("secret\n", to: dir + "/secret.txt")
        let port = 18_000 + Int(getpid() % 1000)
        let server = try start(["serve", chapter, "--port", "\(port)", "--output", dir + "/out"])
        // SIGKILL: a child of the test runner may inherit a signal mask that blocks SIGTERM
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }

        var index: (Int, String)?
        for _ in 0..<600 {  // up to 5 minutes: the first run may build the core
            if let r = get(port, "/"), r.0 == 200 { index = r; break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let page = try #require(index, "the server never answered")
        #expect(page.1.contains("<span class=\"title\">A</span>") && page.1.contains("/__nnfs_version"))
        #expect(get(port, "/../secret.txt")?.0 == 403)
        #expect(get(port, "/%2e%2e/secret.txt")?.0 == 403)
        #expect(get(port, "/missing.html")?.0 == 404)
        let version = try #require(get(port, "/__nnfs_version")?.1)

        // a second server on the same port says so and exits non-zero
        let second = try start(["serve", chapter, "--port", "\(port)", "--output", dir + "/out2"])
        second.waitUntilExit()
        #expect(second.terminationStatus != 0)

        // editing the chapter reruns it and changes the version the page polls
        try AtomicFile.write("# Chapter 1: B\n\nOne cell.\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n", to: chapter)
        var changed = false
        for _ in 0..<240 {
            if let v = get(port, "/__nnfs_version")?.1, v != version { changed = true; break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(changed)
        #expect(get(port, "/01-a.html")?.1.contains("<h1>B</h1>") == true)
    }

    func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A raw HTTP/1.1 GET to 127.0.0.1: (status, body), or nil when nothing answers.
    func get(_ port: Int, _ path: String) -> (Int, String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { return nil }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var response = [UInt8](), buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let head = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return (status, String(text[head.upperBound...]))
    }
}
