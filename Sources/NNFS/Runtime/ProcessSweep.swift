import Foundation

/// Finds and kills every process of one chapter run, wherever it went: each process the chapter
/// program starts inherits the environment variable `NNFS_BOOK_RUN=<run id>`, even one that left
/// the program's process group or session (Foundation's `Process` starts children in a new one).
/// The runner sweeps at the end of a run; the chapter program's ``BookChannel`` sweeps when the
/// runner dies.
public enum ProcessSweep {
    public static let key = "NNFS_BOOK_RUN"

    /// SIGKILLs every process of this user whose environment holds `NNFS_BOOK_RUN=<runID>`.
    /// Repeats until none is left (a process may start another while the sweep runs).
    public static func killAll(runID: String) {
        let needle = Array("\(key)=\(runID)".utf8)
        for _ in 0..<5 {
            let found = pids(withEnvironment: needle)
            if found.isEmpty { return }
            for pid in found { kill(pid, SIGKILL) }
        }
    }

    static func pids(withEnvironment needle: [UInt8]) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let me = getpid()
        return names.compactMap { pid_t($0) }.filter { pid in
            guard pid != me, let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return data.split(separator: 0).contains { $0.elementsEqual(needle) }
        }
    }
}
