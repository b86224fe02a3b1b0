import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process whose stdout and stderr share ONE pipe (so their interleaving is kept), spawned
/// in its own process group so a kill also reaches anything it started. The parent reads the
/// pipe incrementally and never blocks on a full pipe.
public final class Subprocess {
    public let pid: pid_t
    private var readFD: Int32
    private(set) var exitStatus: Int32?

    /// How the process ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)

        public var succeeded: Bool { self == .exited(0) }
        public var description: String {
            switch self {
            case .exited(let code): return "exit code \(code)"
            case .signaled(let sig): return "signal \(sig) (\(Subprocess.signalName(sig)))"
            }
        }
    }

    /// Starts `executable` (looked up on PATH when it has no slash) with stdin from /dev/null.
    public init(executable: String, arguments: [String], workingDirectory: String? = nil,
                environment: [String: String]? = nil) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SubprocessError("pipe() failed: \(String(cString: strerror(errno)))") }
        let (r, w) = (fds[0], fds[1])
        _ = fcntl(r, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, w, 1)
        posix_spawn_file_actions_adddup2(&actions, w, 2)
        posix_spawn_file_actions_addclose(&actions, w)
        if let dir = workingDirectory {
            guard let addChdir = Self.addChdir else { throw SubprocessError("this C library cannot set a child's directory") }
            _ = addChdir(&actions, dir)
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attr, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = executable.contains("/")
            ? posix_spawn(&child, executable, &actions, &attr, argv, envp)
            : posix_spawnp(&child, executable, &actions, &attr, argv, envp)
        close(w)
        guard rc == 0 else {
            close(r)
            throw SubprocessError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        readFD = r
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if exitStatus == nil { kill(-pid, SIGKILL); _ = waitBlocking() }
    }

    /// Waits up to `timeout` seconds for output. Returns the bytes read, `[]` if none arrived in
    /// time, or nil at end of output (every writer closed the pipe).
    public func read(timeout: Double) -> [UInt8]? {
        guard readFD >= 0 else { return nil }
        var pfd = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, min(timeout, 3600)) * 1000)
        let ready = Glibc.poll(&pfd, 1, ms)
        if ready < 0 { return errno == EINTR ? [] : nil }
        if ready == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(readFD, $0.baseAddress, $0.count) }
        if n < 0 { return errno == EINTR || errno == EAGAIN ? [] : closeAndEnd() }
        if n == 0 { return closeAndEnd() }
        return Array(buffer[0..<n])
    }

    private func closeAndEnd() -> [UInt8]? {
        close(readFD)
        readFD = -1
        return nil
    }

    /// The termination if the process has ended (does not block).
    public func poll() -> Termination? {
        if let s = exitStatus { return Self.termination(s) }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        exitStatus = status
        return Self.termination(status)
    }

    /// Waits for the process to end.
    @discardableResult
    public func waitBlocking() -> Termination {
        if let s = exitStatus { return Self.termination(s) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exitStatus = status
        return Self.termination(status)
    }

    /// SIGKILLs the whole process group.
    public func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// glibc >= 2.29 has `posix_spawn_file_actions_addchdir_np`, but its header hides it from Swift.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(sym, to: AddChdir.self)
    }()

    static func termination(_ status: Int32) -> Termination {
        let sig = status & 0x7f
        return sig == 0 ? .exited((status >> 8) & 0xff) : .signaled(sig)
    }

    static func signalName(_ sig: Int32) -> String {
        switch sig {
        case SIGILL: return "SIGILL: a Swift runtime trap"
        case SIGTRAP: return "SIGTRAP: a Swift runtime trap"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGABRT: return "SIGABRT"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        default: return "signal"
        }
    }

    /// Runs to completion, collecting the merged output.
    public static func collect(executable: String, arguments: [String], workingDirectory: String? = nil,
                               environment: [String: String]? = nil) throws -> (Termination, String) {
        let p = try Subprocess(executable: executable, arguments: arguments,
                               workingDirectory: workingDirectory, environment: environment)
        var out: [UInt8] = []
        while let chunk = p.read(timeout: 3600) { out += chunk }
        let t = p.waitBlocking()
        return (t, String(decoding: out, as: UTF8.self))
    }
}

public struct SubprocessError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
