/// A cell's output bytes, held up to a cap: past it, the first half of the cap (the head) and the
/// last half (the tail) are kept and the middle is counted, not stored. Appending is amortized
/// linear in the bytes appended.
public struct CappedOutput: Sendable {
    public let cap: Int
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    /// All bytes appended, kept or not.
    public private(set) var total = 0

    public init(cap: Int) { self.cap = max(2, cap) }

    public var isTruncated: Bool { total > cap }
    public var isEmpty: Bool { total == 0 }

    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        total += bytes.count
        let half = cap / 2
        var rest = bytes[...]
        if head.count < cap - half {
            let n = min(cap - half - head.count, rest.count)
            head += rest.prefix(n)
            rest = rest.dropFirst(n)
        }
        guard !rest.isEmpty else { return }
        tail += rest.suffix(half * 2)
        if tail.count > half * 2 { tail.removeFirst(tail.count - half) }
    }

    /// The kept bytes; when bytes were cut, a line saying so sits where they were.
    public var bytes: [UInt8] {
        let half = cap / 2
        guard isTruncated else { return head + tail }
        let keptTail = tail.suffix(half)
        let cut = total - head.count - keptTail.count
        var out = head
        if out.last != 0x0A { out.append(0x0A) }
        out += Array("[nnfs-book: \(cut) bytes of output cut here; the cell printed \(total) bytes, over the limit of \(cap)]\n".utf8)
        out += keptTail
        return out
    }

    /// The last complete or partial line printed (for progress lines), cheaply.
    public var lastLine: String {
        let recent = (tail.isEmpty ? head[...] : tail.suffix(400)).suffix(400)
        let lines = recent.split(separator: 0x0A)
        return lines.last.map { OutputText.decode(Array($0)) } ?? ""
    }
}
