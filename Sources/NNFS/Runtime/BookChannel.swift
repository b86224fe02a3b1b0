import Foundation

/// The side channel from a chapter program to the `nnfs-book` runner: one record per line on a
/// file descriptor other than stdout and stderr, so nothing a cell prints can forge a record and
/// figures never disturb the output that is compared with the book.
///
/// The runner passes, in the environment (see docs/runner-protocol.md):
/// - `NNFS_BOOK_CHANNEL_FD`: the channel's descriptor (write end of a pipe);
/// - `NNFS_BOOK_NONCE`: a random per-run word that the cell markers written into stdout carry, so
///   the runner can split stdout by cell and no printed text can pose as a marker. ``attach()``
///   reads it once and erases it from the environment before any cell runs;
/// - `NNFS_BOOK_LIFELINE_FD`: the read end of a pipe whose write end only the runner holds. When
///   the runner dies, however it dies, the pipe reaches end-of-file and the program kills its own
///   process group and every process whose environment holds its `NNFS_BOOK_RUN` run id
///   (anything a cell started, even in another process group).
/// Outside the runner (a plain `swift run`, a test) there is no channel and ``isOpen`` is false.
///
/// A record is `<kind> <payload>\n`; `kind` is one word and `payload` holds no newline (callers
/// encode structured payloads as one-line JSON). Kinds in use: `begin <cell>`,
/// `end <cell> <nanoseconds>` (written by the generated program), `figure <json>` (`plt.show()`).
public enum BookChannel {
    /// The channel's file descriptor, read once from the environment.
    public static let fileDescriptor: Int32? = {
        guard let text = ProcessInfo.processInfo.environment["NNFS_BOOK_CHANNEL_FD"],
            let fd = Int32(text), fd > 2
        else { return nil }
        return fd
    }()

    public static var isOpen: Bool { fileDescriptor != nil }

    /// Writes one record. Stdio buffers are flushed first, so text a cell printed before the record is
    /// in its pipe before the record is in the channel.
    public static func send(_ kind: String, _ payload: String) {
        guard let fd = fileDescriptor else { return }
        precondition(
            !kind.contains(" ") && !kind.contains("\n") && !payload.contains("\n"),
            "BookChannel record must be one line")
        fflush(nil)  // all output streams (Swift 6 rejects the global `stdout` here)
        writeAll(fd, Array("\(kind) \(payload)\n".utf8))
    }

    /// Called first by a generated chapter program: reads (and erases) the run's nonce and starts
    /// watching the lifeline. Does nothing outside the runner.
    public static func attach() {
        _ = nonce
        guard let text = ProcessInfo.processInfo.environment["NNFS_BOOK_LIFELINE_FD"], let fd = Int32(text), fd > 2 else { return }
        unsetenv("NNFS_BOOK_LIFELINE_FD")
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let n = read(fd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
            }
            // The runner is gone: end everything this run started (found by the run id each process
            // inherits, even one in another process group), then this program and its group.
            if let run = getenv(ProcessSweep.key).map({ String(cString: $0) }) { ProcessSweep.killAll(runID: run) }
            kill(0, SIGKILL)
        }
    }

    /// Marks the start of cell `cell`: a nonce marker line on stdout, then a `begin` record.
    public static func beginCell(_ cell: Int) {
        guard isOpen else { return }
        marker("\(cell) BEGIN")
        cellStart = DispatchTime.now().uptimeNanoseconds
        send("begin", "\(cell)")
    }

    /// Marks the end of cell `cell`: a nonce marker line on stdout, then `end <cell> <nanoseconds>`.
    public static func endCell(_ cell: Int) {
        guard isOpen else { return }
        let ns = DispatchTime.now().uptimeNanoseconds - cellStart
        marker("\(cell) END")
        send("end", "\(cell) \(ns)")
    }

    /// The stdout marker prefix before the nonce; the runner's `CellOutputSplitter` matches it.
    public static let markerPrefix = "\u{1}NNFS-CELL "

    /// Cells run one after another on the main thread.
    nonisolated(unsafe) private static var cellStart: UInt64 = 0

    private static let nonce: String = {
        let key = "NNFS_BOOK_NONCE"
        guard let p = getenv(key) else { return "" }
        let value = String(cString: p)
        // Overwrite the bytes too: /proc/self/environ shows the original block, not unsetenv's view.
        memset(p, 0x30, strlen(p))
        unsetenv(key)
        return value
    }()

    private static func marker(_ text: String) {
        fflush(nil)
        writeAll(1, Array("\(markerPrefix)\(nonce) \(text)\n".utf8))
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            offset += n
        }
    }
}
