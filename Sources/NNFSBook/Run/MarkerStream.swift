/// Splits a program's output into the cells that printed it, using the marker lines
/// `\u{1}NNFS-CELL <k> BEGIN` and `\u{1}NNFS-CELL <k> END <nanoseconds>`.
///
/// Bytes arrive in arbitrary chunks; a marker cut across two chunks is held back until complete.
public struct MarkerStream {
    public enum Event: Equatable {
        case output([UInt8])
        case begin(cell: Int)
        case end(cell: Int, nanoseconds: UInt64)
    }

    private var pending: [UInt8] = []
    private static let prefix = Array(ProgramGenerator.markerPrefix.utf8)

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) -> [Event] {
        pending += bytes
        var events: [Event] = []
        var out: [UInt8] = []
        var i = 0
        scan: while i < pending.count {
            guard pending[i] == 0x01 else { out.append(pending[i]); i += 1; continue }
            // A possible marker: is it one, or just a stray \u{1}?
            let rest = pending[i...]
            let known = min(rest.count, Self.prefix.count)
            guard rest.prefix(known).elementsEqual(Self.prefix.prefix(known)) else { out.append(0x01); i += 1; continue }
            guard let newline = rest.firstIndex(of: 0x0A) else {
                if rest.count < 80 { break scan }  // wait for the rest of the line
                out.append(0x01); i += 1; continue
            }
            if let event = Self.parse(Array(pending[i..<newline])) {
                if !out.isEmpty { events.append(.output(out)); out = [] }
                events.append(event)
                i = newline + 1
            } else {
                out.append(0x01); i += 1
            }
        }
        if !out.isEmpty { events.append(.output(out)) }
        pending = Array(pending[i...])
        return events
    }

    /// Whatever is held back, at the end of the stream.
    public mutating func finish() -> [Event] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.output(pending)]
    }

    private static func parse(_ line: [UInt8]) -> Event? {
        let words = String(decoding: line.dropFirst(prefix.count), as: UTF8.self).split(separator: " ")
        guard words.count >= 2, let cell = Int(words[0]) else { return nil }
        switch words[1] {
        case "BEGIN" where words.count == 2: return .begin(cell: cell)
        case "END" where words.count == 3: return UInt64(words[2]).map { .end(cell: cell, nanoseconds: $0) }
        default: return nil
        }
    }
}
