import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader (or a crash, or a kill) never sees a half-written file:
/// the bytes go to an unnamed temporary file in the target's directory (`O_TMPFILE`), which gets a
/// name only for the instant before it is renamed over the target.
///
/// - A symbolic link is written through: its target is replaced, the link stays.
/// - An existing file keeps its permission bits (a new one gets 0644 minus the umask).
/// - With `replacing`, the write is refused (nothing written) when the file on disk no longer
///   holds those bytes: someone saved an edit while nnfs-book was running.
/// - Temporaries left by a killed writer on a file system without `O_TMPFILE` are named
///   `.<name>.<pid>.<random>.tmp`; ``removeStaleTemporaries(beside:)`` deletes those whose
///   process is gone.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String, replacing original: [UInt8]? = nil,
                             displayPath: String? = nil) throws {
        let shown = displayPath ?? path
        let target = resolveLinks(path)
        let dir = Paths.directory(of: target)
        try makeDirectories(dir, for: shown)
        var mode = mode_t(0o644) & ~currentUmask()
        var st = stat()
        if stat(target, &st) == 0 { mode = st.st_mode & 0o7777 }

        let temp = dir + "/.\(Paths.fileName(of: target)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        var fd = open(dir, oTmpFile | O_WRONLY | O_CLOEXEC, mode)
        let unnamed = fd >= 0
        if !unnamed { fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard fd >= 0 else { throw RunnerError("cannot write \(shown): \(String(cString: strerror(errno)))") }
        var named = !unnamed
        defer { if named { unlink(temp) } }
        do {
            defer { close(fd) }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0 { if errno == EINTR { continue }; throw RunnerError("cannot write \(shown): \(String(cString: strerror(errno)))") }
                offset += n
            }
            fchmod(fd, mode)  // the umask applied at creation
            guard fsync(fd) == 0 || errno == EINVAL else { throw RunnerError("cannot write \(shown): \(String(cString: strerror(errno)))") }
            if unnamed {
                guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temp, AT_SYMLINK_FOLLOW) == 0 else {
                    throw RunnerError("cannot write \(shown): \(String(cString: strerror(errno)))")
                }
                named = true
            }
        }
        if let original {
            let now = FileManager.default.contents(atPath: target).map { Array($0) }
            guard now == original else {
                throw RunnerError("\(shown) changed on disk while nnfs-book was running; nothing was written (run again to update the new version)")
            }
        }
        guard rename(temp, target) == 0 else {
            throw RunnerError("cannot replace \(shown): \(String(cString: strerror(errno)))")
        }
        named = false
    }

    /// Deletes `.<name>.<pid>.<random>.tmp` files beside `path` (and in its snapshot folders)
    /// whose writing process no longer exists.
    public static func removeStaleTemporaries(beside path: String) {
        let target = resolveLinks(path)
        let dir = Paths.directory(of: target)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropLast(4).split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
        }
    }

    /// `mkdir -p` with a plain message naming what could not be created and why.
    static func makeDirectories(_ dir: String, for shown: String) throws {
        var path = ""
        for part in dir.split(separator: "/") {
            path += "/" + part
            var st = stat()
            if stat(path, &st) == 0 {
                if st.st_mode & S_IFMT != S_IFDIR { throw RunnerError("cannot write \(shown): \(path) is not a directory") }
                continue
            }
            if mkdir(path, 0o777) != 0 && errno != EEXIST {
                throw RunnerError("cannot write \(shown): cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// `path` with symbolic links resolved (the file itself may not exist yet).
    static func resolveLinks(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let dir = Paths.directory(of: path)
        guard let real = realpath(dir, nil) else { return path }
        defer { free(real) }
        return String(cString: real) + "/" + Paths.fileName(of: path)
    }

    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY` on Linux), which Swift does not import.
    private static let oTmpFile: Int32 = 0o20_000_000 | O_DIRECTORY

    private static func currentUmask() -> mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}
