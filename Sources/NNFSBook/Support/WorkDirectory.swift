import Foundation

/// Work folders for generated chapter programs: `.build-book/<stem>.<pid>.XXXXXX` under the
/// package root. A run removes its own at the end; folders whose process is gone (a killed run)
/// are removed by the next run.
enum WorkDirectory {
    static func make(root: String, stem: String) throws -> String {
        let base = root + "/.build-book"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        removeStale(in: base)
        let safeStem = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
        var template = Array((base + "/\(safeStem).\(getpid()).XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw RunnerError("cannot create a work directory in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Removes `<stem>.<pid>.XXXXXX` folders in `base` whose process no longer exists.
    static func removeStale(in base: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names {
            let parts = name.split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: base + "/" + name) }
        }
    }
}
