import ArgumentParser
import Foundation
import NNFSBook
#if canImport(Glibc)
import Glibc
#endif

/// `nnfs-book serve [chapter.md...]`: the report as a live preview, like `mdbook serve` or
/// `quarto preview`. Runs the chapters (all of chapters/ when none is given), serves the report
/// folder on http://127.0.0.1:PORT, reruns a chapter when its Markdown file changes and makes the
/// open page reload itself.
///
/// The server is a few dozen lines on POSIX sockets rather than a dependency: it serves static
/// files of one folder to one local browser, and FlyingFox or Hummingbird from the mirror would add
/// minutes to every CI build for that. It answers GET and HEAD for files inside the report folder
/// only (no `..`, no symlink out), plus `/__nnfs_version` for the reload poll; no request ever runs
/// code, which happens only when a watched chapter file changes.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the report on localhost and rerun a chapter when its Markdown changes.")

    @Argument(help: "Chapter Markdown files (default: every chapter in --chapters).")
    var chapterFiles: [String] = []

    @Option(help: "Directory of chapter Markdown files, when no chapter is given.")
    var chapters = "chapters"

    @Option(help: "Directory for the HTML report.")
    var output = "output"

    @Option(help: "Address to listen on (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8000

    func run() throws {
        // Ctrl-C and SIGTERM stop the server even when the parent started it with them blocked.
        var stop = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGINT)
        sigaddset(&stop, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &stop, nil)
        let paths = try chapterFiles.isEmpty ? BookRunner.chapters(in: chapters) : chapterFiles
        guard !paths.isEmpty else { throw ValidationError("no chapter to serve in \(chapters)") }
        let server: PreviewServer
        do {
            server = try PreviewServer(root: Paths.absolute(output), host: host, port: port)
        } catch let error as PreviewServer.Failure {
            FileHandle.standardError.write(Data("nnfs-book serve: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        // Unbuffered, so progress shows as it happens even when piped.
        let say: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let session = BookSession(options: RunOptions(), reportDirectory: nil, print: say)
        var results = paths.map { session.run([$0])[0] }
        func writeReport() {
            do { try HTMLReport.write(results, to: output, seconds: results.reduce(0) { $0 + $1.totalSeconds }) } catch {
                say("nnfs-book serve: could not write the report: \(error)")
            }
            server.bumpVersion()
        }
        writeReport()
        server.start()
        say("Serving \(Paths.display(Paths.absolute(output))) at http://\(host):\(port)/ — watching \(paths.count) chapter\(paths.count == 1 ? "" : "s") (Ctrl-C to stop)")
        var stamps = paths.map(Self.modificationDate)
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            for (i, path) in paths.enumerated() {
                let stamp = Self.modificationDate(path)
                guard stamp != stamps[i] else { continue }
                stamps[i] = stamp
                say("\(path) changed: rerunning")
                results[i] = session.run([path])[0]
                writeReport()
            }
        }
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// A minimal static file server for the preview (see ``ServeCommand``).
final class PreviewServer: @unchecked Sendable {
    struct Failure: Error { var message: String }

    let root: String
    private let socket: Int32
    private let lock = NSLock()
    private var version = 0

    init(root: String, host: String, port: Int) throws {
        self.root = root
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
            close(fd)
            throw Failure(message: "--host \(host) is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if bound != 0 {
            let code = errno
            close(fd)
            if code == EADDRINUSE { throw Failure(message: "port \(port) on \(host) is already in use; stop the other server or choose another port with --port") }
            throw Failure(message: "cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
        }
        guard listen(fd, 16) == 0 else {
            close(fd)
            throw Failure(message: "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
        socket = fd
    }

    func bumpVersion() { lock.lock(); version += 1; lock.unlock() }
    private var currentVersion: Int { lock.lock(); defer { lock.unlock() }; return version }

    /// Accepts connections on a background thread, one short request at a time.
    func start() {
        let thread = Thread { [self] in
            while true {
                let client = accept(socket, nil, nil)
                if client < 0 { continue }
                handle(client)
                close(client)
            }
        }
        thread.start()
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4).elementsEqual([13, 10, 13, 10]) { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return respond(client, 400, "text/plain", Array("bad request\n".utf8)) }
        let method = String(line[0]), target = String(line[1])
        guard method == "GET" || method == "HEAD" else { return respond(client, 405, "text/plain", Array("only GET and HEAD\n".utf8)) }
        let (status, type, body) = Self.response(for: target, root: root, version: currentVersion)
        respond(client, status, type, method == "HEAD" ? [] : body, length: body.count)
    }

    /// What a GET of `target` answers: a file under `root` (HTML pages get the reload script), the
    /// current report version, or an error. Paths that leave `root` are refused.
    static func response(for target: String, root: String, version: Int) -> (Int, String, [UInt8]) {
        let pathPart = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if pathPart == "/__nnfs_version" { return (200, "text/plain", Array("\(version)".utf8)) }
        guard let decoded = pathPart.removingPercentEncoding, decoded.hasPrefix("/"), !decoded.contains("\0") else {
            return (400, "text/plain", Array("bad path\n".utf8))
        }
        let parts = decoded.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return (403, "text/plain", Array("forbidden\n".utf8)) }
        var path = root + "/" + parts.joined(separator: "/")
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { path += "/index.html" }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/"), let data = FileManager.default.contents(atPath: real) else {
            return (404, "text/plain", Array("not found\n".utf8))
        }
        let ext = URL(fileURLWithPath: real).pathExtension.lowercased()
        let types = ["html": "text/html; charset=utf-8", "js": "text/javascript", "css": "text/css", "svg": "image/svg+xml",
                     "png": "image/png", "json": "application/json", "txt": "text/plain; charset=utf-8"]
        var body = [UInt8](data)
        if ext == "html" {
            let page = String(decoding: body, as: UTF8.self)
            body = Array(page.replacingOccurrences(of: "</body>", with: reloadScript(version) + "</body>").utf8)
        }
        return (200, types[ext] ?? "application/octet-stream", body)
    }

    /// Polls the report version once a second and reloads the page when a rerun rewrote it.
    static func reloadScript(_ version: Int) -> String {
        """
        <script>(function () { var v = "\(version)"; setInterval(function () {
          fetch("/__nnfs_version", { cache: "no-store" }).then(function (r) { return r.text(); })
            .then(function (t) { if (t !== v) { location.reload(); } }).catch(function () {});
        }, 1000); })();</script>

        """
    }

    private func respond(_ client: Int32, _ status: Int, _ type: String, _ body: [UInt8], length: Int? = nil) {
        let reason = [200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"][status] ?? "Error"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(length ?? body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        var bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(client, $0.baseAddress! + sent, $0.count - sent) }
            if n <= 0 { return }
            sent += n
        }
    }
}
