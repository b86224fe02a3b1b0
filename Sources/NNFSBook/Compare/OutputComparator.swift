/// Compares a cell's actual output with its expected output, like doctest's FLOAT_CMP fitted to
/// the book:
///
/// - whitespace is normalised (``OutputNormalizer``);
/// - text around numbers must match exactly;
/// - each expected number must agree with the actual one to the precision printed in the
///   expected text (`0.920` accepts 0.9195...0.9205), never tighter than 4 float32 ulps within
///   float32's normal range (never looser than the printed precision below it);
/// - an exactly printed zero keeps its sign: `-0.` does not match `0.` (`-0.000` may match `0.000`);
/// - with a relative tolerance (`output tolerance=X`), a number with a fractional part or an
///   exponent also passes within X relatively; integers (epoch and iteration counters) stay exact;
/// - a line holding only `...` stands for any number of lines.
public struct OutputComparator: Sendable {
    /// `output tolerance=X`.
    public var relativeTolerance: Double?
    /// Compare numbers as text (for snapshots): only whitespace is normalised.
    public var exact = false

    public init(relativeTolerance: Double? = nil, exact: Bool = false) {
        self.relativeTolerance = relativeTolerance
        self.exact = exact
    }

    public static let wildcard = "..."
    /// The differences, empty when the outputs match.
    public func compare(expected: String, actual: String) -> [OutputMismatch] {
        let e = OutputNormalizer.lines(expected)
        let a = OutputNormalizer.lines(actual)
        var segments: [[(index: Int, text: String)]] = [[]]
        for line in e {
            if line.text == Self.wildcard { segments.append([]) } else { segments[segments.count - 1].append(line) }
        }
        if segments.count == 1 { return compareAligned(e, a[...], allowExtra: false) }

        // Glob matching: the first segment is anchored at the start, the last at the end, and
        // each middle one matches at its leftmost position (greedy leftmost is exact for globs).
        var position = 0
        let first = segments.first!, last = segments.last!
        let prefix = compareAligned(first, a[0..<min(first.count, a.count)], allowExtra: false)
        if !prefix.isEmpty { return prefix }
        position = first.count
        for segment in segments.dropFirst().dropLast() where !segment.isEmpty {
            guard let found = find(segment, in: a, from: position) else {
                var reason = "expected lines after `...` not found in the actual output (searched from actual line \(position + 1))"
                let closest = closestLine(to: segment[0].text, in: a, from: position)
                if let c = closest, let why = lineMismatch(segment[0].text, a[c].text) {
                    reason += "; closest is actual line \(a[c].index + 1): \(why)"
                }
                return [OutputMismatch(expectedIndex: segment[0].index, actualIndex: closest.map { a[$0].index },
                                       expectedText: segment[0].text, actualText: closest.map { a[$0].text }, reason: reason)]
            }
            position = found + segment.count
        }
        let tailStart = max(position, a.count - last.count)
        let tailMismatch = compareAligned(last, a[tailStart..<a.count], allowExtra: false)
        if !tailMismatch.isEmpty, a.count - position < last.count {
            return [OutputMismatch(expectedIndex: last.first?.index, actualIndex: nil, expectedText: last.first?.text,
                                   actualText: nil, reason: "the actual output ends before the expected lines after `...`")]
        }
        return tailMismatch
    }

    /// The actual line most like `expected`: same text around the numbers, most numbers agreeing.
    private func closestLine(to expected: String, in a: [(index: Int, text: String)], from start: Int) -> Int? {
        let et = OutputToken.tokenize(expected)
        let implied = impliedDecimals(et)
        var best: (line: Int, score: Int)?
        for k in start..<a.count {
            let at = OutputToken.tokenize(a[k].text)
            guard at.count == et.count else { continue }
            var score = 0
            var sameShape = true
            for (x, y) in zip(et, at) {
                switch (x, y) {
                case (.text(let s), .text(let t)): sameShape = sameShape && s == t
                case (.number(let m), .number(let n)): score += abs(n.value - m.value) <= tolerance(for: m, impliedDecimals: implied) ? 1 : 0
                default: sameShape = false
                }
            }
            if sameShape, score > (best?.score ?? -1) { best = (k, score) }
        }
        return best?.line
    }

    private func find(_ segment: [(index: Int, text: String)], in a: [(index: Int, text: String)], from start: Int) -> Int? {
        guard a.count - start >= segment.count else { return nil }
        for s in start...(a.count - segment.count) {
            if segment.indices.allSatisfy({ lineMismatch(segment[$0].text, a[s + $0].text) == nil }) { return s }
        }
        return nil
    }

    /// Line-by-line comparison of equally positioned lines, then missing/extra lines.
    private func compareAligned(_ e: [(index: Int, text: String)], _ a: ArraySlice<(index: Int, text: String)>, allowExtra: Bool) -> [OutputMismatch] {
        var found: [OutputMismatch] = []
        let actual = Array(a)
        for k in 0..<min(e.count, actual.count) {
            if let reason = lineMismatch(e[k].text, actual[k].text) {
                found.append(OutputMismatch(expectedIndex: e[k].index, actualIndex: actual[k].index,
                                            expectedText: e[k].text, actualText: actual[k].text, reason: reason))
            }
        }
        if e.count > actual.count {
            let missing = e[actual.count...]
            found.append(OutputMismatch(expectedIndex: missing.first!.index, actualIndex: nil, expectedText: missing.first!.text,
                                        actualText: nil,
                                        reason: "missing \(missing.count) line\(missing.count == 1 ? "" : "s"): the actual output has \(actual.count) line\(actual.count == 1 ? "" : "s"), \(e.count) expected"))
        } else if actual.count > e.count && !allowExtra {
            let extra = actual[e.count...]
            found.append(OutputMismatch(expectedIndex: nil, actualIndex: extra.first!.index, expectedText: nil,
                                        actualText: extra.first!.text,
                                        reason: "\(extra.count) unexpected extra line\(extra.count == 1 ? "" : "s"): the actual output has \(actual.count) line\(actual.count == 1 ? "" : "s"), \(e.count) expected"))
        }
        return found
    }

    /// Why two normalised lines differ, or nil when they match.
    public func lineMismatch(_ expected: String, _ actual: String) -> String? {
        if expected == actual { return nil }
        if exact { return "differs at column \(firstDifference(expected, actual) + 1)" }
        let et = OutputToken.tokenize(expected), at = OutputToken.tokenize(actual)
        let implied = impliedDecimals(et)
        var numberIndex = 0
        for k in 0..<max(et.count, at.count) {
            guard k < et.count, k < at.count else {
                return "differs at column \(firstDifference(expected, actual) + 1)"
            }
            switch (et[k], at[k]) {
            case (.number(let x), .number(let y)):
                numberIndex += 1
                let allowed = tolerance(for: x, impliedDecimals: implied)
                let off = abs(y.value - x.value)
                // The slack absorbs the binary rounding of the bound itself (0.9195 vs 0.920).
                if !(off <= allowed * (1 + 1e-9)) && !(x.value == y.value) {
                    return "number \(numberIndex): expected \(x.text), got \(y.text) (off by \(short(off)), allowed ±\(short(allowed)))"
                }
                if Self.zeroSignsDiffer(x, y) {
                    return "number \(numberIndex): expected \(x.text), got \(y.text) (the sign of zero differs)"
                }
            case (.text(let s), .text(let t)) where s == t:
                continue
            default:
                return "differs at column \(firstDifference(expected, actual) + 1)"
            }
        }
        return nil
    }

    /// Whether `-0.` was printed where `0.` is expected (or the reverse) and the expected text
    /// pins the sign: NumPy prints a zero without decimals (`-0.`, `0.`, `-0.e+00`) only for an
    /// exact zero, so its sign is part of the output. A zero with printed decimals (`-0.000`)
    /// may be a rounded tiny value of either sign, and then both texts are right.
    static func zeroSignsDiffer(_ x: NumberLiteral, _ y: NumberLiteral) -> Bool {
        guard x.value == 0, y.value == 0, x.value.sign != y.value.sign else { return false }
        return x.decimals == nil || x.isInteger
    }

    /// The allowance for an expected number: half a unit of its last printed digit, a relative
    /// tolerance when one is set, and at least 4 float32 ulps at its magnitude (the book's
    /// float32 values print 8 digits, a little past float32's precision). The ulp floor applies
    /// only within float32's normal range: below it (`1.e-300`, or `0`) it would dwarf the
    /// printed precision and let a number of another magnitude pass.
    public func tolerance(for x: NumberLiteral, impliedDecimals: Int = 0) -> Double {
        let printed = x.halfUnit(impliedDecimals: impliedDecimals)
        let magnitude = abs(x.value)
        let ulps = magnitude >= Double(Float.leastNormalMagnitude) ? 4 * Double(Float(magnitude).ulp) : 0
        // Integers are counters (epochs, iterations): a tolerance never applies to them, so a
        // block after `...` cannot line up with a neighbouring epoch.
        let relative = x.isInteger ? 0 : relativeTolerance.map { $0 * abs(x.value) } ?? 0
        return max(printed, ulps.isFinite ? ulps : 0, relative)
    }

    /// The precision a NumPy trailing-dot number (`1.`) implies: the most decimals printed by a
    /// non-exponent number on the same line (NumPy prints one array with one precision).
    private func impliedDecimals(_ tokens: [OutputToken]) -> Int {
        tokens.reduce(0) { best, t in
            if case .number(let n) = t, n.exponent == 0, let d = n.decimals, !n.text.lowercased().contains("e") { return max(best, d) }
            return best
        }
    }

    private func firstDifference(_ a: String, _ b: String) -> Int {
        var n = 0
        for (x, y) in zip(a, b) { if x != y { break }; n += 1 }
        return n
    }

    private func short(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x >= 1e-3 && x < 1e6 {
            var s = String(format4: x)
            while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
            return s
        }
        return String(scientific: x)
    }
}

/// One difference between expected and actual output.
public struct OutputMismatch: Sendable, Equatable {
    /// 0-based line index in the expected block (nil for an extra actual line).
    public var expectedIndex: Int?
    /// 0-based line index in the actual output (nil for a missing line).
    public var actualIndex: Int?
    public var expectedText: String?
    public var actualText: String?
    public var reason: String
}

extension String {
    init(format4 x: Double) {
        let scaled = (x * 1e4).rounded() / 1e4
        self = "\(scaled)"
    }

    init(scientific x: Double) {
        guard x.isFinite, x != 0 else { self = "\(x)"; return }
        var e = 0
        var m = abs(x)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        var mr = (m * 10).rounded() / 10
        if mr >= 10 { mr = 1; e += 1 }
        self = (x < 0 ? "-" : "") + "\(mr)e\(e < 0 ? "-" : "+")\(abs(e) < 10 ? "0" : "")\(abs(e))"
    }
}
