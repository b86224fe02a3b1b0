import Foundation

/// The side channel from a chapter program to the `nnfs-book` runner: one record per line on a
/// file descriptor other than stdout and stderr, so nothing a cell prints can forge a record and
/// figures never disturb the output that is compared with the book.
///
/// The runner passes the descriptor's number in the environment variable `NNFS_BOOK_CHANNEL_FD`.
/// Outside the runner (a plain `swift run`, a test) there is no channel and ``isOpen`` is false.
///
/// A record is `<kind> <payload>\n`; `kind` is one word and `payload` holds no newline (callers
/// encode structured payloads as one-line JSON).
public enum BookChannel {
    /// The channel's file descriptor, read once from the environment.
    public static let fileDescriptor: Int32? = {
        guard let text = ProcessInfo.processInfo.environment["NNFS_BOOK_CHANNEL_FD"],
              let fd = Int32(text), fd > 2 else { return nil }
        return fd
    }()

    public static var isOpen: Bool { fileDescriptor != nil }

    /// Writes one record. Stdio buffers are flushed first, so text a cell printed before the record is
    /// in its pipe before the record is in the channel.
    public static func send(_ kind: String, _ payload: String) {
        guard let fd = fileDescriptor else { return }
        precondition(!kind.contains(" ") && !kind.contains("\n") && !payload.contains("\n"),
                     "BookChannel record must be one line")
        fflush(nil)  // all output streams (Swift 6 rejects the global `stdout` here)
        var bytes = Array("\(kind) \(payload)\n".utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            offset += n
        }
    }
}
