/// Splits a chapter program's stdout into the cells that printed it, at the marker lines
/// `\u{1}NNFS-CELL <nonce> <k> BEGIN` and `\u{1}NNFS-CELL <nonce> <k> END` that ``BookChannel``
/// writes. The nonce is random per run and reaches the program only through its environment (which
/// the program erases before any cell runs), so printed text cannot pose as a marker; the runner
/// also checks the markers against the side channel's records (``ChapterExecution``).
///
/// Bytes arrive in arbitrary chunks; a marker cut across two chunks is held back until complete.
/// Cost is linear in the bytes fed: each byte is looked at a bounded number of times.
public struct CellOutputSplitter {
    public enum Event: Equatable {
        case output([UInt8])
        case begin(cell: Int)
        case end(cell: Int)
    }

    private let prefix: [UInt8]
    private var pending: [UInt8] = []
    /// Longest marker line after the prefix: "<cell> BEGIN\n" with a cell number of up to 9 digits.
    private static let maxTail = 16

    public init(nonce: String) {
        prefix = Array("\u{1}NNFS-CELL \(nonce) ".utf8)
    }

    public mutating func feed(_ bytes: [UInt8]) -> [Event] {
        var data = pending
        data += bytes
        pending = []
        var events: [Event] = []
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var i = 0
        while i < data.count {
            guard data[i] == 0x01 else {
                // Copy the run up to the next \u{1} at once.
                let next = data[i...].firstIndex(of: 0x01) ?? data.count
                out += data[i..<next]
                i = next
                continue
            }
            let available = data.count - i
            let known = min(available, prefix.count)
            guard data[i..<(i + known)].elementsEqual(prefix[0..<known]) else { out.append(0x01); i += 1; continue }
            if available < prefix.count { pending = Array(data[i...]); break }  // wait for more
            let tailStart = i + prefix.count
            let window = data[tailStart..<min(data.count, tailStart + Self.maxTail)]
            guard let newline = window.firstIndex(of: 0x0A) else {
                if window.count < Self.maxTail { pending = Array(data[i...]); break }
                out.append(0x01); i += 1; continue
            }
            if let event = Self.parse(data[tailStart..<newline]) {
                if !out.isEmpty { events.append(.output(out)); out = [] }
                events.append(event)
                i = newline + 1
            } else {
                out.append(0x01); i += 1
            }
        }
        if !out.isEmpty { events.append(.output(out)) }
        return events
    }

    /// Whatever is held back, at the end of the stream.
    public mutating func finish() -> [Event] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.output(pending)]
    }

    private static func parse(_ tail: ArraySlice<UInt8>) -> Event? {
        let words = String(decoding: tail, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 2, let cell = Int(words[0]), cell > 0 else { return nil }
        switch words[1] {
        case "BEGIN": return .begin(cell: cell)
        case "END": return .end(cell: cell)
        default: return nil
        }
    }
}
