import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process whose stdout and stderr share ONE pipe (so their interleaving is kept), spawned
/// in its own process group so a kill also reaches anything it started. The parent reads the
/// pipe incrementally and never blocks on a full pipe.
///
/// With `sideChannel`, the child also gets (see docs/runner-protocol.md):
/// - descriptor 3: the write end of the side channel (``BookChannel`` records), read with
///   ``readStreams(timeout:)``;
/// - descriptor 4: the read end of a lifeline pipe whose write end only this process holds (close
///   on exec), so the child sees end-of-file when the runner dies, however it dies.
public final class Subprocess {
    public let pid: pid_t
    private var outputFD: Int32
    private var channelFD: Int32 = -1
    private var lifelineFD: Int32 = -1
    private var exitStatus: Int32?

    /// The descriptor numbers the child sees (`NNFS_BOOK_CHANNEL_FD`, `NNFS_BOOK_LIFELINE_FD`).
    public static let childChannelFD: Int32 = 3
    public static let childLifelineFD: Int32 = 4

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
                environment: [String: String]? = nil, sideChannel: Bool = false) throws {
        // Every parent-side descriptor is close-on-exec from birth (pipe2), and moved to >= 10 so
        // the child's dup2 targets (1, 2, 3, 4) never collide with a source.
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard Self.pipe2(&fds, O_CLOEXEC) == 0 else { throw RunnerError("pipe() failed: \(String(cString: strerror(errno)))") }
            let r = fcntl(fds[0], F_DUPFD_CLOEXEC, 10), w = fcntl(fds[1], F_DUPFD_CLOEXEC, 10)
            close(fds[0]); close(fds[1])
            return (r, w)
        }
        let output = try makePipe()
        let channel = sideChannel ? try makePipe() : nil
        let lifeline = sideChannel ? try makePipe() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, output.write, 2)
        if let c = channel { posix_spawn_file_actions_adddup2(&actions, c.write, Self.childChannelFD) }
        if let l = lifeline { posix_spawn_file_actions_adddup2(&actions, l.read, Self.childLifelineFD) }
        if let dir = workingDirectory {
            guard let addChdir = Self.addChdir else { throw RunnerError("this C library cannot set a child's directory") }
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
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, s) }
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
        close(output.write)
        if let c = channel { close(c.write) }
        if let l = lifeline { close(l.read) }
        guard rc == 0 else {
            close(output.read)
            if let c = channel { close(c.read) }
            if let l = lifeline { close(l.write) }
            throw RunnerError("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        outputFD = output.read
        channelFD = channel?.read ?? -1
        lifelineFD = lifeline?.write ?? -1
    }

    deinit {
        for fd in [outputFD, channelFD, lifelineFD] where fd >= 0 { close(fd) }
        if exitStatus == nil { kill(-pid, SIGKILL); _ = waitBlocking() }
    }

    /// Waits up to `timeout` seconds for output. Returns the bytes read, `[]` if none arrived in
    /// time, or nil at end of output (every writer closed the pipe).
    public func read(timeout: Double) -> [UInt8]? {
        guard outputFD >= 0 else { return nil }
        let r = readStreams(timeout: timeout)
        return outputFD < 0 && r.output.isEmpty ? nil : r.output
    }

    /// What one ``readStreams(timeout:)`` got: bytes from stdout+stderr and from the side channel.
    public struct Chunks {
        public var output: [UInt8] = []
        public var channel: [UInt8] = []
    }

    /// True while stdout+stderr (resp. the side channel) may still deliver bytes.
    public var outputOpen: Bool { outputFD >= 0 }
    public var channelOpen: Bool { channelFD >= 0 }

    /// Waits up to `timeout` seconds for bytes on either stream and reads what is there (at most
    /// 64 KiB per stream). A stream at end-of-file is closed (see ``outputOpen``); when both are,
    /// this just sleeps for `timeout`.
    public func readStreams(timeout: Double) -> Chunks {
        var chunks = Chunks()
        var fds: [pollfd] = []
        if outputFD >= 0 { fds.append(pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)) }
        if channelFD >= 0 { fds.append(pollfd(fd: channelFD, events: Int16(POLLIN), revents: 0)) }
        let ms = Int32(max(0, min(timeout, 3600)) * 1000)
        let ready = fds.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t($0.count), ms) }
        guard ready > 0 else { return chunks }
        for p in fds where p.revents != 0 {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress, $0.count) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 {
                close(p.fd)
                if p.fd == outputFD { outputFD = -1 } else { channelFD = -1 }
                continue
            }
            if p.fd == outputFD { chunks.output = Array(buffer[0..<n]) } else { chunks.channel = Array(buffer[0..<n]) }
        }
        return chunks
    }

    /// True once the process has ended. Does not reap it: until ``waitBlocking()``, its pid and
    /// process group id cannot be reused, so ``killGroup()`` stays safe.
    public func hasExited() -> Bool {
        if exitStatus != nil { return true }
        var info = siginfo_t()
        // waitid leaves si_pid 0 when the child has not ended (WNOHANG); the struct starts zeroed.
        let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        return r == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// The termination if the process has ended (reaps it; does not block).
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

    /// SIGKILLs the whole process group (the process and anything it started that stayed in its
    /// group). Call before reaping, or for leftovers right after.
    public func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// glibc >= 2.29 has `posix_spawn_file_actions_addchdir_np`, but its header hides it from Swift.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(sym, to: AddChdir.self)
    }()

    /// `pipe2` is a GNU extension the Glibc module does not import; it exists in every glibc
    /// since 2.9. (It makes both ends close-on-exec atomically: a concurrent spawn on another
    /// thread cannot inherit them.)
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let pipe2Function: Pipe2 = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { fatalError("glibc without pipe2") }
        return unsafeBitCast(sym, to: Pipe2.self)
    }()

    private static func pipe2(_ fds: inout [Int32], _ flags: Int32) -> Int32 {
        fds.withUnsafeMutableBufferPointer { pipe2Function($0.baseAddress!, flags) }
    }

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
