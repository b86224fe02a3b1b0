// The per-dtype element formatters of NumPy's arrayprint (`FloatingFormat`, `IntegerFormat`,
// `BoolFormat`) with NumPy 2.x default print options: precision 8, floatmode 'maxprec',
// suppress=False, sign='-', nanstr 'nan', infstr 'inf'.
//
// Each formatter sees only the elements that will be shown (the corners of a summarised
// array), exactly as NumPy builds its format function from `_leading_trailing(data)`, and
// returns their texts in the same order.

/// NumPy's `FloatingFormat` for default print options.
///
/// Choice of notation (`fillFormat`): over the finite non-zero magnitudes, scientific when
/// `max >= 1e6` (`float32`) / `1e8` (`float64`), or `min < 0.0001`, or `max / min > 1000`,
/// all compared and divided in the element type (NumPy 2's weak Python scalars). Otherwise
/// positional.
///
/// - Positional: each value gets its shortest round-trip digits capped at 8 fractional digits
///   (exact value rounded half-even past that), trailing zeros trimmed but the point kept
///   (`1.`, `0.`); the column is padded to the longest integer part on the left and the longest
///   fraction on the right with spaces (`[0.  2.  0.  3.3 0. ]`).
/// - Scientific: every value shows as many fractional digits as the longest shortest
///   representation needs (at most 8); shorter ones are extended with the exact value's digits
///   (so `float32(1e-5)` can show as `9.9999997e-06`); exponents have at least two digits.
/// - `nan`, `inf`, `-inf` are right-aligned in the common width, which grows to fit them.
enum FloatingFormat<F: PrintableFloat> {
    /// NumPy's default `precision`.
    static var precision: Int { 8 }

    /// The texts of `data` (the shown elements, in print order).
    static func format(_ data: [F]) -> [String] {
        var finiteCount = 0
        var hasNegInf = false
        var maxVal: F = 0
        var minVal: F = .infinity
        var anyNonZero = false
        for x in data {
            if x.isFinite {
                finiteCount += 1
                if x != 0 {
                    let a = x.magnitude
                    if a > maxVal { maxVal = a }
                    if a < minVal { minVal = a }
                    anyNonZero = true
                }
            } else if x.isInfinite && x < 0 {
                hasNegInf = true
            }
        }
        var expFormat = false
        if anyNonZero {
            // A Python float next to a float32 array scalar is converted to float32 (NEP 50).
            let tiny = F(0.0001 as Double)
            if maxVal >= F.arrayExpCutoff || minVal < tiny || maxVal / minVal > F(1000) {
                expFormat = true
            }
        }

        var padLeft = 0
        var padRight = 0
        var out: [String] = []
        out.reserveCapacity(data.count)

        if expFormat {
            // First pass: shortest digits capped at `precision` fractional digits.
            var maxFrac = 0
            var expSize = 0
            for x in data where x.isFinite {
                let d = FloatFormatting.digits(x, cutoff: .totalLength, maxDigits: precision + 1, minDigits: -1)
                var n = d.digits.count
                while n > 1 && d.digits[n - 1] == 0 { n -= 1 }
                maxFrac = max(maxFrac, n - 1)
                padLeft = max(padLeft, x.sign == .minus ? 2 : 1)
                var e = abs(d.exponent), ndig = 1
                while e >= 10 { e /= 10; ndig += 1 }
                expSize = max(expSize, max(2, ndig))
            }
            if finiteCount > 0 {
                padRight = expSize + 2 + maxFrac
            }
            padLeft = adjustedPadLeft(padLeft, padRight: padRight, finiteCount: finiteCount, total: data.count, hasNegInf: hasNegInf)
            for x in data {
                if x.isFinite {
                    out.append(
                        FloatFormatting.scientific(
                            x, precision: maxFrac, minDigits: maxFrac, trim: .none, padLeft: padLeft, expDigits: expSize))
                } else {
                    out.append(nonFinite(x, width: padLeft + padRight + 1))
                }
            }
        } else {
            var parts: [(int: String, frac: String)] = []
            parts.reserveCapacity(data.count)
            for x in data {
                guard x.isFinite else {
                    parts.append(("", ""))
                    continue
                }
                var d = FloatFormatting.digits(x, cutoff: .fractionLength, maxDigits: precision, minDigits: -1)
                // The printing pass asks for at least the units digit (min_digits=0); that only
                // changes anything when the shortest digits stop left of the units.
                if d.exponent - d.digits.count + 1 > 0 {
                    d = FloatFormatting.digits(x, cutoff: .fractionLength, maxDigits: precision, minDigits: 0)
                }
                let p = FloatFormatting.positionalParts(d, negative: x.sign == .minus)
                padLeft = max(padLeft, p.int.utf8.count)
                padRight = max(padRight, p.frac.utf8.count)
                parts.append(p)
            }
            padLeft = adjustedPadLeft(padLeft, padRight: padRight, finiteCount: finiteCount, total: data.count, hasNegInf: hasNegInf)
            for (x, p) in zip(data, parts) {
                if x.isFinite {
                    var s = String(repeating: " ", count: max(0, padLeft - p.int.utf8.count))
                    s += p.int
                    s += "."
                    s += p.frac
                    if padRight > p.frac.utf8.count {
                        s += String(repeating: " ", count: padRight - p.frac.utf8.count)
                    }
                    out.append(s)
                } else {
                    out.append(nonFinite(x, width: padLeft + padRight + 1))
                }
            }
        }
        return out
    }

    /// NumPy widens the integer column so `nan` / `inf` / `-inf` fit the common width.
    private static func adjustedPadLeft(_ padLeft: Int, padRight: Int, finiteCount: Int, total: Int, hasNegInf: Bool) -> Int {
        guard finiteCount != total else { return padLeft }
        let offset = padRight + 1
        return max(padLeft, 3 - offset, 3 + (hasNegInf ? 1 : 0) - offset)
    }

    private static func nonFinite(_ x: F, width: Int) -> String {
        let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
        let pad = width - text.utf8.count
        return pad > 0 ? String(repeating: " ", count: pad) + text : text
    }
}

/// NumPy's `IntegerFormat`: every element right-aligned to the width of the longer of
/// `str(max)` and `str(min)` over the shown elements.
enum IntegerFormat {
    static func format(_ data: [Int]) -> [String] {
        guard let lo = data.min(), let hi = data.max() else { return [] }
        let width = max(String(hi).utf8.count, String(lo).utf8.count)
        return data.map { v in
            let s = String(v)
            let pad = width - s.utf8.count
            return pad > 0 ? String(repeating: " ", count: pad) + s : s
        }
    }
}

/// NumPy's `BoolFormat`: `" True"` / `"False"` so columns align, `"True"` in a 0-D array.
enum BoolFormat {
    static func format(_ data: [Bool], zeroDimensional: Bool) -> [String] {
        let t = zeroDimensional ? "True" : " True"
        return data.map { $0 ? t : "False" }
    }
}
