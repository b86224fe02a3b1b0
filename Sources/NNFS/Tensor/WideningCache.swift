import Synchronization

/// Remembers the `float64` copies of the last few large `float32` buffers that `dot` widened,
/// so the same activations multiplied twice (a layer's `forward` and its `backward` read the
/// same `inputs`; `backward` multiplies `dvalues` twice) are converted once.
///
/// Contract (why a hit is always the right answer): an entry holds a strong reference to the
/// source `[Float]` it was made from, so that buffer stays allocated and, being shared, can never
/// be written in place (Swift's copy-on-write copies it first). A lookup matches on the buffer's
/// address and length, which therefore identify the same, unchanged elements; the entry's
/// `[Double]` is exactly `Double(x)` of each of them, as ``Conversion/toDouble(_:)`` would give.
/// Only buffers of ``minimumCount`` to ``maximumCount`` elements are kept (small ones are cheap to
/// convert; huge ones would cost more memory than they save time).
enum WideningCache {
    static let minimumCount = 4096
    static let maximumCount = 4 << 20
    static let capacity = 2

    struct Entry {
        let source: [Float]
        let wide: [Double]
    }

    static let entries = Mutex<[Entry]>([])

    /// `Conversion.toDouble(a)`, reusing a remembered conversion of this very buffer.
    static func toDouble(_ a: [Float]) -> [Double] {
        guard a.count >= minimumCount && a.count <= maximumCount else { return Conversion.toDouble(a) }
        let address = a.withUnsafeBufferPointer { $0.baseAddress }
        let hit = entries.withLock { list -> [Double]? in
            guard
                let i = list.firstIndex(where: { entry in
                    entry.source.count == a.count && entry.source.withUnsafeBufferPointer { $0.baseAddress } == address
                })
            else { return nil }
            let entry = list.remove(at: i)
            list.insert(entry, at: 0)
            return entry.wide
        }
        if let hit { return hit }
        let wide = Conversion.toDouble(a)
        entries.withLock { list in
            list.insert(Entry(source: a, wide: wide), at: 0)
            if list.count > capacity { list.removeLast() }
        }
        return wide
    }

    /// Forgets every entry (tests; frees the memory).
    static func clear() {
        entries.withLock { $0.removeAll() }
    }
}
