import Foundation

/// Writes that a reader (or a crash) never sees half done: the new content is written under a
/// temporary name beside the target and renamed over it (`rename(2)` is atomic on one file system).
enum AtomicWrite {
    /// A temporary path in the same folder as `path` (so the final rename stays on one file system).
    static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return dir + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Replaces the file at `path` with `bytes`.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temp = temporaryPath(beside: path)
        do {
            try writeFile(bytes, to: temp)
        } catch let error as FileError {
            throw FileError(path, error.reason)
        }
        try rename(temp, over: path)
    }

    /// Creates (or truncates) `path` and writes `bytes` with plain POSIX calls (Foundation's
    /// `Data.write` costs milliseconds per file, too slow for 70,000 small PNGs).
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileError(path, "cannot write: \(String(cString: strerror(errno)))") }
        var offset = 0
        let failure: String? = bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        let closed = close(fd)
        if let failure {
            unlink(path)
            throw FileError(path, "cannot write: \(failure)")
        }
        if closed != 0 {
            unlink(path)
            throw FileError(path, "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// Builds a folder under a temporary name with `build`, then renames it to `path`. Fails
    /// (and removes the temporary folder) if `path` already exists: a finished folder is never replaced.
    static func createDirectory(_ path: String, build: (String) throws -> Void) throws {
        let temp = temporaryPath(beside: path)
        do {
            try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
            try build(temp)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        if Foundation.rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw FileError(path, "cannot create: \(reason)")
        }
    }

    static func rename(_ temp: String, over path: String) throws {
        if Foundation.rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw FileError(path, "cannot write: \(reason)")
        }
    }

    /// The short reason of a Foundation error (its POSIX message when there is one).
    static func reasonOf(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return ns.localizedDescription
    }
}

/// Reads a whole file, with a ``FileError`` naming it when it is missing or unreadable.
func readFileBytes(_ path: String) throws -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            throw FileError(path, isDir.boolValue ? "is a folder, not a file" : "cannot open (permission denied?)")
        }
        throw FileError(path, "no such file")
    }
    defer { try? handle.close() }
    do {
        return [UInt8](try handle.readToEnd() ?? Data())
    } catch {
        throw FileError(path, "cannot read: \(AtomicWrite.reasonOf(error))")
    }
}
